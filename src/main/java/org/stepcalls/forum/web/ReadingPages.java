package org.stepcalls.forum.web;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.stepcalls.forum.ForumQueries;
import org.stepcalls.forum.ReadingState;
import org.stepcalls.forum.TopicWatching;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.Viewer;

/** The reading-state buttons: mark a category read, and the notification level of a topic or category. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ReadingPages {

    private final ForumQueries queries;
    private final ReadingState readingState;
    private final TopicWatching watching;
    private final CurrentUser currentUser;

    ReadingPages(ForumQueries queries, ReadingState readingState, TopicWatching watching, CurrentUser currentUser) {
        this.queries = queries;
        this.readingState = readingState;
        this.watching = watching;
        this.currentUser = currentUser;
    }

    @POST
    @Path("c/{slug}/read")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response markCategoryRead(@PathParam("slug") String slug) {
        Viewer viewer = currentUser.viewer();
        readingState.markCategoryRead(viewer, queries.readableCategory(viewer, slug));
        return Response.seeOther(URI.create("/c/" + slug)).build();
    }

    @POST
    @Path("c/{slug}/notification-level")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response categoryLevel(@PathParam("slug") String slug, @RestForm String level) {
        Viewer viewer = currentUser.viewer();
        watching.setLevel(viewer, queries.readableCategory(viewer, slug), level);
        return Response.seeOther(URI.create("/c/" + slug)).build();
    }

    @POST
    @Path("t/{id}/notification-level")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response topicLevel(@PathParam("id") long id, @RestForm String level, @RestForm String page) {
        watching.setLevel(currentUser.viewer(), id, level);
        // back to the page the form was on (every page of a long topic carries it)
        return Response.seeOther(URI.create("/t/" + id + ForumPages.Pages.backTo(page) + "#notification-level")).build();
    }
}
