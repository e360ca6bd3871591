package org.stepcalls.platform.mail;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) for the whole test run, on a fixed port (tests run in a network
 * namespace of their own). Tests reach it through {@link Mailbox}: the handles are JDK types kept
 * offered as a platform MBean, because the test classes, JUnit's extensions and this resource may
 * be loaded by different class loaders. Messages received before a {@link Mailbox#stopSmtp()} are kept.
 */
public class MailServer implements QuarkusTestResourceLifecycleManager, MailServerControl {

    static final int PORT = 3025;
    static final String NAME = "org.stepcalls.test:type=MailServer";

    private final List<Map<String, String>> archive = new CopyOnWriteArrayList<>();
    /** Each message is decoded once: tests ask for the whole mailbox often. */
    private final Map<MimeMessage, Map<String, String>> decoded = new java.util.IdentityHashMap<>();
    private volatile GreenMail server;

    @Override
    public Map<String, String> start() {
        resume();
        try {
            MBeanServer beans = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(NAME);
            if (beans.isRegistered(name)) {
                beans.unregisterMBean(name);
            }
            beans.registerMBean(new StandardMBean(this, MailServerControl.class), name);
        } catch (JMException e) {
            throw new IllegalStateException("Could not offer the test mail server to the tests", e);
        }
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", String.valueOf(PORT));
    }

    @Override
    public void stop() {
        pause();
    }

    @Override
    public synchronized void pause() {
        if (server != null) {
            archive.addAll(decode(server.getReceivedMessages()));
            server.stop();
            server = null;
            decoded.clear();
        }
    }

    @Override
    public synchronized void resume() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    @Override
    public synchronized List<Map<String, String>> received() {
        List<Map<String, String>> all = new ArrayList<>(archive);
        if (server != null) {
            all.addAll(decode(server.getReceivedMessages()));
        }
        return all;
    }

    /** Each message as its recipients' mail client shows it: headers decoded, every part's content decoded. */
    private List<Map<String, String>> decode(MimeMessage[] messages) {
        // Jakarta Mail finds its providers through the caller's context class loader: make it ours
        Thread thread = Thread.currentThread();
        ClassLoader callers = thread.getContextClassLoader();
        thread.setContextClassLoader(MailServer.class.getClassLoader());
        try {
            return decodeAll(messages);
        } finally {
            thread.setContextClassLoader(callers);
        }
    }

    private List<Map<String, String>> decodeAll(MimeMessage[] messages) {
        List<Map<String, String>> all = new ArrayList<>();
        for (MimeMessage message : messages) {
            all.add(decoded.computeIfAbsent(message, MailServer::decodeOne));
        }
        return all;
    }

    private static Map<String, String> decodeOne(MimeMessage message) {
        try {
            Map<String, String> mail = new LinkedHashMap<>();
            mail.put("to", String.join(",", java.util.Arrays.stream(message.getAllRecipients()).map(Object::toString).toList()));
            mail.put("subject", message.getSubject());
            mail.put("text", part(message, "text/plain"));
            mail.put("html", part(message, "text/html"));
            mail.put("listUnsubscribe", String.valueOf(message.getHeader("List-Unsubscribe", null)));
            mail.put("listUnsubscribePost", String.valueOf(message.getHeader("List-Unsubscribe-Post", null)));
            StringBuilder everything = new StringBuilder();
            for (Enumeration<Header> headers = message.getAllHeaders(); headers.hasMoreElements();) {
                Header header = headers.nextElement();
                everything.append(header.getName()).append(": ").append(MimeUtility.decodeText(header.getValue())).append('\n');
            }
            everything.append(mail.get("text")).append('\n').append(mail.get("html")).append('\n')
                    .append(GreenMailUtil.getWholeMessage(message));
            mail.put("all", everything.toString());
            return mail;
        } catch (Exception e) {
            throw new IllegalStateException("Could not read a received e-mail", e);
        }
    }

    private static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof Multipart multipart) {
            StringBuilder found = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                found.append(part(child, type));
            }
            return found.toString();
        }
        return "";
    }
}
