package org.stepcalls.platform.mail;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

import javax.management.JMException;
import javax.management.ObjectName;

/** What the test SMTP server ({@link MailServer}) received, and switching it off and on. */
public final class Mailbox {

    public record Received(String to, String subject, String text, String html, String listUnsubscribe,
            String listUnsubscribePost, String all) {
    }

    private Mailbox() {
    }

    /** Every message of the run so far, oldest first; empty before the server has started. */
    @SuppressWarnings("unchecked")
    public static List<Received> all() {
        if (!ManagementFactory.getPlatformMBeanServer().isRegistered(name())) {
            return List.of();
        }
        return ((List<Map<String, String>>) invoke("received")).stream()
                .map(m -> new Received(m.get("to"), m.get("subject"), m.get("text"), m.get("html"), m.get("listUnsubscribe"),
                        m.get("listUnsubscribePost"), m.get("all")))
                .toList();
    }

    public static List<Received> to(String address) {
        return all().stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
    }

    public static void stopSmtp() {
        invoke("pause");
    }

    public static void startSmtp() {
        invoke("resume");
    }

    private static Object invoke(String operation) {
        try {
            return ManagementFactory.getPlatformMBeanServer().invoke(name(), operation, new Object[0], new String[0]);
        } catch (JMException e) {
            throw new IllegalStateException("The test mail server is not running", e);
        }
    }

    private static ObjectName name() {
        try {
            return new ObjectName(MailServer.NAME);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }
}
