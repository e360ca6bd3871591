package org.stepcalls.calls.web;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.stepcalls.calls.CallPurge;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.Role;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.platform.web.Durations;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The purge's status for coordinators and admins: the settings, the last runs and what they removed. */
@Path("/admin/purge")
@Produces(MediaType.TEXT_HTML)
public class PurgePages {

    public record Run(OffsetDateTime startedAt, OffsetDateTime finishedAt, String trigger, int purgedCalls,
            int purgedPosts, int keptOutcomes) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance status(List<Run> runs, String afterClose, String max, String every, String message);
    }

    private final CallPurge purge;
    private final CurrentUser currentUser;
    private final EntityManager entityManager;
    private final Duration afterClose;
    private final Duration max;
    private final String every;

    PurgePages(CallPurge purge, CurrentUser currentUser, EntityManager entityManager,
            @ConfigProperty(name = "stepcalls.retention-after-close") Duration afterClose,
            @ConfigProperty(name = "stepcalls.retention-max") Duration max,
            @ConfigProperty(name = "stepcalls.purge-every") String every) {
        this.purge = purge;
        this.currentUser = currentUser;
        this.entityManager = entityManager;
        this.afterClose = afterClose;
        this.max = max;
        this.every = every;
    }

    @GET
    public TemplateInstance status() {
        return page(null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object runNow() {
        try {
            purge.runNow(currentUser.viewer());
            return Response.seeOther(URI.create("/admin/purge")).build();
        } catch (ApiException e) {
            if (e.status() != 409) {
                throw e;
            }
            return Response.status(409).entity(page(e.getMessage())).build();
        }
    }

    @SuppressWarnings("unchecked")
    private TemplateInstance page(String message) {
        var viewer = currentUser.viewer();
        if (!viewer.has(Role.ADMIN) && !viewer.has(Role.COORDINATOR)) {
            throw ApiException.forbidden("Only coordinators and admins see the purge.");
        }
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT started_at, finished_at, trigger, purged_calls, purged_posts, kept_outcomes
                FROM purge_runs ORDER BY id DESC LIMIT 20""", Object[].class).getResultList();
        List<Run> runs = rows.stream().map(r -> new Run(time(r[0]), time(r[1]), (String) r[2], ((Number) r[3]).intValue(),
                ((Number) r[4]).intValue(), ((Number) r[5]).intValue())).toList();
        return Templates.status(runs, Durations.spoken(afterClose), Durations.spoken(max), Durations.spoken(every), message);
    }

    private static OffsetDateTime time(Object value) {
        return value instanceof OffsetDateTime t ? t : ((java.time.Instant) value).atOffset(java.time.ZoneOffset.UTC);
    }
}
