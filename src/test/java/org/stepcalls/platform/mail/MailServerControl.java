package org.stepcalls.platform.mail;

import java.util.List;
import java.util.Map;

/** What tests may ask of {@link MailServer}, in JDK types only (it is reached as an MBean). */
public interface MailServerControl {

    List<Map<String, String>> received();

    /** Stops the SMTP server, keeping what it received. */
    void pause();

    void resume();
}
