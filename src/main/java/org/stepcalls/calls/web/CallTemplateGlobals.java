package org.stepcalls.calls.web;

import org.stepcalls.calls.CallGuidance;

import io.quarkus.qute.TemplateGlobal;

/** The procedure's words the calls board's templates show as they are. */
@TemplateGlobal
public class CallTemplateGlobals {

    static String gdprWarning() {
        return CallGuidance.GDPR;
    }
}
