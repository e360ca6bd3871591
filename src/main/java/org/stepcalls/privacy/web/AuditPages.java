package org.stepcalls.privacy.web;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.Role;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.privacy.AuditCursor;
import org.stepcalls.privacy.AuditFilter;
import org.stepcalls.privacy.AuditLog;
import org.stepcalls.privacy.AuditTrail;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The audit log for admins, filtered by action, person and dates, newest first, a page at a time. */
@Path("/admin/audit")
@Produces(MediaType.TEXT_HTML)
public class AuditPages {

    /** What the filter form shows: the values as typed, so a refused form comes back as it was sent. */
    public record Form(String action, String actor, String from, String to, String topicId) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Form form, List<AuditLog.Action> actions, List<AuditTrail.Actor> actors,
                List<AuditTrail.Entry> entries, String olderUrl, String error, String errorField);
    }

    private final AuditTrail trail;
    private final CurrentUser currentUser;

    AuditPages(AuditTrail trail, CurrentUser currentUser) {
        this.trail = trail;
        this.currentUser = currentUser;
    }

    @GET
    public Response list(@QueryParam("action") String action, @QueryParam("actor") String actor,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("topicId") String topicId,
            @QueryParam("before") String before) {
        var viewer = currentUser.viewer();
        if (!viewer.has(Role.ADMIN)) {
            throw ApiException.forbidden("Only admins read the audit log.");
        }
        Form form = new Form(trim(action), trim(actor), trim(from), trim(to), trim(topicId));
        List<AuditTrail.Actor> actors = trail.actors(viewer);
        List<AuditLog.Action> actions = List.of(AuditLog.Action.values());
        try {
            AuditFilter filter = AuditFilter.parse(topicId, action, actor, from, to);
            AuditTrail.Page page = trail.read(viewer, filter, AuditCursor.decode(before));
            String older = page.next() == null ? null : olderUrl(form, page.next());
            return Response.ok(Templates.list(form, actions, actors, page.entries(), older, null, null)).build();
        } catch (ApiException refused) {
            if (refused.status() != 400) {
                throw refused;
            }
            return Response.status(400)
                    .entity(Templates.list(form, actions, actors, List.of(), null, refused.getMessage(), refused.field())).build();
        }
    }

    private static String olderUrl(Form form, AuditCursor next) {
        UriBuilder uri = UriBuilder.fromPath("/admin/audit");
        query(uri, "action", form.action());
        query(uri, "actor", form.actor());
        query(uri, "from", form.from());
        query(uri, "to", form.to());
        query(uri, "topicId", form.topicId());
        return uri.queryParam("before", next.encode()).build().toString();
    }

    private static void query(UriBuilder uri, String name, String value) {
        if (value != null && !value.isEmpty()) {
            uri.queryParam(name, value);
        }
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
