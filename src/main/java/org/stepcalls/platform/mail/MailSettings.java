package org.stepcalls.platform.mail;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Whether this instance sends e-mail, and the address its links point at. Production sends only
 * when an SMTP host is set ({@code QUARKUS_MAILER_HOST}), and then needs {@code STEPCALLS_PUBLIC_URL}
 * for the links: a mail pointing at localhost would be useless, so the start fails instead.
 */
@ApplicationScoped
public class MailSettings {

    private final boolean enabled;
    private final String linkBase;

    MailSettings(@ConfigProperty(name = "stepcalls.mail.host") Optional<String> host,
            @ConfigProperty(name = "stepcalls.public-url") Optional<String> publicUrl,
            @ConfigProperty(name = "quarkus.mailer.from") Optional<String> from,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort,
            @ConfigProperty(name = "quarkus.http.test-port", defaultValue = "8081") int testPort) {
        LaunchMode mode = LaunchMode.current();
        this.enabled = sends(mode, host);
        Optional<String> url = publicUrl.filter(u -> !u.isBlank()).map(MailSettings::withoutTrailingSlash);
        if (enabled && mode == LaunchMode.NORMAL && url.isEmpty()) {
            throw new IllegalStateException("QUARKUS_MAILER_HOST is set but STEPCALLS_PUBLIC_URL is not: e-mails link "
                    + "to the forum, so set STEPCALLS_PUBLIC_URL to the address people use (e.g. https://forum.example.org).");
        }
        if (enabled && mode == LaunchMode.NORMAL && from.filter(f -> !f.isBlank()).isEmpty()) {
            throw new IllegalStateException("QUARKUS_MAILER_HOST is set but QUARKUS_MAILER_FROM is not: set the address "
                    + "e-mails come from, e.g. \"NA Helpline <helpline@example.org>\".");
        }
        this.linkBase = url.orElse("http://localhost:" + (mode == LaunchMode.TEST ? testPort : httpPort));
    }

    /** Dev mode and tests always send (to their own SMTP server); production when a host is set. */
    static boolean sends(LaunchMode mode, Optional<String> host) {
        return mode != LaunchMode.NORMAL || host.filter(h -> !h.isBlank()).isPresent();
    }

    public boolean enabled() {
        return enabled;
    }

    /** An absolute link to a path of this app, for e-mails. */
    public String link(String path) {
        return linkBase + (path.startsWith("/") ? path : "/" + path);
    }

    /** Fails the start at once, rather than at the first e-mail. */
    void checkAtStartup(@Observes StartupEvent event) {
        URI.create(linkBase);
    }

    private static String withoutTrailingSlash(String url) {
        String trimmed = url.strip();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
