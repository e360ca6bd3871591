package org.stepcalls.forum.api;

import java.util.EnumMap;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.stepcalls.forum.EmailEvent;
import org.stepcalls.forum.NotificationSettings;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.SignedInOnly;
import org.stepcalls.platform.web.ApiException;

import io.quarkus.security.Authenticated;

/** Which events you get e-mailed; a PUT may name only the ones it changes. */
@Path("/api/me/notification-settings")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SignedInOnly
public class NotificationSettingsResource {

    public record SettingsJson(Boolean overdue, Boolean nudge, Boolean expiryWarning, Boolean digest, Boolean replies,
            Boolean mentions, Boolean announcements) {

        static SettingsJson of(Map<EmailEvent, Boolean> settings) {
            return new SettingsJson(settings.get(EmailEvent.OVERDUE), settings.get(EmailEvent.NUDGE),
                    settings.get(EmailEvent.EXPIRY_WARNING), settings.get(EmailEvent.DIGEST), settings.get(EmailEvent.REPLIES),
                    settings.get(EmailEvent.MENTIONS), settings.get(EmailEvent.ANNOUNCEMENTS));
        }

        Map<EmailEvent, Boolean> changes() {
            Map<EmailEvent, Boolean> changes = new EnumMap<>(EmailEvent.class);
            put(changes, EmailEvent.OVERDUE, overdue);
            put(changes, EmailEvent.NUDGE, nudge);
            put(changes, EmailEvent.EXPIRY_WARNING, expiryWarning);
            put(changes, EmailEvent.DIGEST, digest);
            put(changes, EmailEvent.REPLIES, replies);
            put(changes, EmailEvent.MENTIONS, mentions);
            put(changes, EmailEvent.ANNOUNCEMENTS, announcements);
            return changes;
        }

        private static void put(Map<EmailEvent, Boolean> changes, EmailEvent event, Boolean value) {
            if (value != null) {
                changes.put(event, value);
            }
        }
    }

    private final NotificationSettings settings;
    private final CurrentUser currentUser;

    NotificationSettingsResource(NotificationSettings settings, CurrentUser currentUser) {
        this.settings = settings;
        this.currentUser = currentUser;
    }

    @GET
    public SettingsJson mine() {
        return SettingsJson.of(settings.of(currentUser.viewer().accountId()));
    }

    /** 200 with every setting after the change. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public SettingsJson change(SettingsJson body) {
        ApiException.requireBody(body);
        return SettingsJson.of(settings.update(currentUser.viewer().accountId(), body.changes()));
    }
}
