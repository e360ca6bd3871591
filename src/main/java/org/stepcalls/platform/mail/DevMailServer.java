package org.stepcalls.platform.mail;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.mail.internet.MimeMessage;

/**
 * Dev mode only: a real SMTP server (GreenMail) started with the app, so a newcomer sees the
 * demo's e-mails at {@code /dev/mails}. Not built into any other profile.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class DevMailServer {

    private final GreenMail server;

    DevMailServer(@ConfigProperty(name = "quarkus.mailer.port") int port) {
        this.server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    void start(@Observes StartupEvent event) {
        server.start();
    }

    void stop(@Observes ShutdownEvent event) {
        server.stop();
    }

    /** Newest first. */
    public List<MimeMessage> received() {
        List<MimeMessage> messages = Arrays.asList(server.getReceivedMessages());
        java.util.Collections.reverse(messages);
        return messages;
    }
}
