package org.stepcalls.privacy.api;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.privacy.AuditCursor;
import org.stepcalls.privacy.AuditFilter;
import org.stepcalls.privacy.AuditTrail;

import io.quarkus.security.Authenticated;

/** The audit log for admins (API.md): ids, actions, actors and times — never text, never a number. */
@Path("/api/audit")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    /** {@code actor} is the person's display name; {@code actorId} is what the {@code actor} filter takes. */
    /** {@code actorId} null and {@code actor} "scheduled purge" when the app acted; {@code detail} a code, never text. */
    public record EntryJson(OffsetDateTime at, String actor, Long actorId, String action, Long topicId, Long postId,
            String detail, Long meetingId, Long volunteerId) {
    }

    public record PageJson(List<EntryJson> entries, String next) {
    }

    private final AuditTrail trail;
    private final CurrentUser currentUser;

    AuditResource(AuditTrail trail, CurrentUser currentUser) {
        this.trail = trail;
        this.currentUser = currentUser;
    }

    @GET
    public PageJson entries(@QueryParam("topicId") String topicId, @QueryParam("action") String action,
            @QueryParam("actor") String actor, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("before") String before) {
        var viewer = currentUser.viewer();
        AuditFilter filter = AuditFilter.parse(topicId, action, actor, from, to);
        AuditTrail.Page page = trail.read(viewer, filter, AuditCursor.decode(before));
        return new PageJson(page.entries().stream()
                .map(e -> new EntryJson(e.at(), e.actor(), e.actorId(), e.action(), e.topicId(), e.postId(), e.detail(),
                        e.meetingId(), e.volunteerId())).toList(),
                page.next() == null ? null : page.next().encode());
    }
}
