package org.stepcalls.platform.mail;

import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After every test class of the run (registered for all of them through JUnit's extension
 * autodetection), every e-mail the SMTP server has received so far is searched — subject,
 * headers, text and HTML parts, decoded — for a planted caller's name, note or any drama number.
 * A leak fails the class that was running when the mail arrived.
 */
public class NoCallerInAnyMail implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        for (Mailbox.Received mail : Mailbox.all()) {
            List<String> found = PlantedCaller.foundIn(mail.all());
            if (!found.isEmpty()) {
                throw new AssertionError("An e-mail to " + mail.to() + " (\"" + mail.subject() + "\") shows " + found);
            }
        }
    }
}
