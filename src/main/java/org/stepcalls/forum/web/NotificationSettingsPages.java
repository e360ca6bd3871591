package org.stepcalls.forum.web;

import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.stepcalls.forum.EmailEvent;
import org.stepcalls.forum.NotificationSettings;
import org.stepcalls.platform.security.Account;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.Role;
import org.stepcalls.platform.security.SignedInOnly;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** "E-mail me when…": one switch per event, and the address mails go to (from the sign-in). */
@Path("/me/notifications")
@Produces(MediaType.TEXT_HTML)
@SignedInOnly
public class NotificationSettingsPages {

    /** One switch on the page; call events and the digest are shown only to the roles that get them. */
    public record Switch(String name, String label, String hint, boolean on) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(List<Switch> switches, String email, boolean saved);
    }

    private final NotificationSettings settings;
    private final CurrentUser currentUser;

    NotificationSettingsPages(NotificationSettings settings, CurrentUser currentUser) {
        this.settings = settings;
        this.currentUser = currentUser;
    }

    @GET
    public TemplateInstance page(@QueryParam("saved") boolean saved) {
        long accountId = currentUser.viewer().accountId();
        Map<EmailEvent, Boolean> mine = settings.of(accountId);
        boolean callsBoard = currentUser.has(Role.HELPLINER) || currentUser.has(Role.COORDINATOR);
        List<Switch> switches = new java.util.ArrayList<>();
        if (callsBoard) {
            switches.add(new Switch("overdue", "A call I opened became overdue", "No update from me for a while.", mine.get(EmailEvent.OVERDUE)));
            switches.add(new Switch("nudge", "A coordinator nudged me", "They ask for an update on a call of mine.", mine.get(EmailEvent.NUDGE)));
            switches.add(new Switch("expiryWarning", "A call I opened will be purged soon, unclosed", "Close it with its outcome first.", mine.get(EmailEvent.EXPIRY_WARNING)));
        }
        if (currentUser.has(Role.COORDINATOR)) {
            switches.add(new Switch("digest", "Digest of overdue calls and open list tasks", "At most once an hour, only when there is something.", mine.get(EmailEvent.DIGEST)));
        }
        switches.add(new Switch("replies", "A reply in a topic I started", "", mine.get(EmailEvent.REPLIES)));
        switches.add(new Switch("mentions", "Someone mentions me", "", mine.get(EmailEvent.MENTIONS)));
        switches.add(new Switch("announcements", "A new announcement", "", mine.get(EmailEvent.ANNOUNCEMENTS)));
        Account account = Account.findById(accountId);
        return Templates.page(switches, account.email, saved);
    }

    /** The switches shown on the page are sent; a switch not ticked is off. Others (another role's) are kept. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(MultivaluedMap<String, String> form) {
        Map<EmailEvent, Boolean> changes = new EnumMap<>(EmailEvent.class);
        for (String shown : form.getOrDefault("shown", List.of())) {
            EmailEvent.fromJsonName(shown).ifPresent(event -> changes.put(event, form.containsKey(shown)));
        }
        settings.update(currentUser.viewer().accountId(), changes);
        return Response.seeOther(URI.create("/me/notifications?saved=true")).build();
    }
}
