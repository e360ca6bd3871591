package org.stepcalls.forum.api;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.stepcalls.forum.Notifications;
import org.stepcalls.platform.security.CurrentUser;

import io.quarkus.security.Authenticated;

@Path("/api/notifications")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class NotificationsResource {

    public record NotificationJson(long id, Long topicId, String kind, String text, OffsetDateTime createdAt, boolean read) {
    }

    private final Notifications notifications;
    private final CurrentUser currentUser;

    NotificationsResource(Notifications notifications, CurrentUser currentUser) {
        this.notifications = notifications;
        this.currentUser = currentUser;
    }

    /** Your latest notifications, newest first. */
    @GET
    public List<NotificationJson> mine() {
        return notifications.latest(currentUser.viewer()).stream()
                .map(n -> new NotificationJson(n.id, n.topicId, n.kind, n.text, n.createdAt, n.readAt != null)).toList();
    }

    @POST
    @Path("/{id}/read")
    public Response read(@PathParam("id") long id) {
        notifications.markRead(currentUser.viewer(), id);
        return Response.ok().build();
    }
}
