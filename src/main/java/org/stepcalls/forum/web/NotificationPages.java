package org.stepcalls.forum.web;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.stepcalls.forum.Notification;
import org.stepcalls.forum.Notifications;
import org.stepcalls.platform.security.CurrentUser;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

@Path("/notifications")
@Produces(MediaType.TEXT_HTML)
public class NotificationPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<Notification> notifications);
    }

    private final Notifications notifications;
    private final CurrentUser currentUser;

    NotificationPages(Notifications notifications, CurrentUser currentUser) {
        this.notifications = notifications;
        this.currentUser = currentUser;
    }

    @GET
    public TemplateInstance list() {
        return Templates.list(notifications.latest(currentUser.viewer()));
    }

    /** Opening one marks it read and goes to the post it tells of (its topic's page that holds it), else to its topic. */
    @POST
    @Path("{id}/open")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response open(@PathParam("id") long id) {
        notifications.markRead(currentUser.viewer(), id);
        Notification notification = Notification.findById(id);
        String to = notification.postId != null ? "/p/" + notification.postId
                : notification.topicId != null ? "/t/" + notification.topicId : "/notifications";
        return Response.seeOther(URI.create(to)).build();
    }

    @POST
    @Path("read-all")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response readAll() {
        notifications.markAllRead(currentUser.viewer());
        return Response.seeOther(URI.create("/notifications")).build();
    }
}
