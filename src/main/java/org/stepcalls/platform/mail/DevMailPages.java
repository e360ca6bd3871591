package org.stepcalls.platform.mail;

import java.io.IOException;
import java.util.List;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Dev mode only: the e-mails the demo sent, as their recipients would read them (plain-text part). */
@Path("/dev/mails")
@IfBuildProfile("dev")
public class DevMailPages {

    public record Sent(String to, String subject, String sentAt, String text, String unsubscribe) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<Sent> mails);
    }

    private final DevMailServer server;

    DevMailPages(DevMailServer server) {
        this.server = server;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list() throws MessagingException, IOException {
        List<Sent> mails = new java.util.ArrayList<>();
        for (MimeMessage message : server.received()) {
            mails.add(new Sent(String.join(", ", java.util.Arrays.stream(message.getAllRecipients()).map(Object::toString).toList()),
                    message.getSubject(), String.valueOf(message.getSentDate()), plainText(message),
                    message.getHeader("List-Unsubscribe", null)));
        }
        return Templates.list(mails);
    }

    private static String plainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String text = plainText(child);
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }
}
