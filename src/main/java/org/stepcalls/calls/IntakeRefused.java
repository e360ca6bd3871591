package org.stepcalls.calls;

import org.stepcalls.platform.web.ApiException;

/**
 * An intake refused under R1 or R2: a 400 with the procedure's reason. Its transaction commits
 * rather than rolls back, so that the refusal's anonymised count is kept.
 */
public class IntakeRefused extends ApiException {

    IntakeRefused(String code, String message) {
        super(400, code, message);
    }
}
