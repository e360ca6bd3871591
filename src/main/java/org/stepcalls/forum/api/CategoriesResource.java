package org.stepcalls.forum.api;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.stepcalls.forum.ForumQueries;
import org.stepcalls.forum.Permissions;
import org.stepcalls.forum.ReadingState;
import org.stepcalls.forum.TopicWatching;
import org.stepcalls.forum.api.ForumJson.LevelRequest;
import org.stepcalls.forum.api.ForumJson.MarkedRead;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.forum.api.ForumJson.CategoryJson;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.Viewer;

import io.quarkus.security.Authenticated;

@Path("/api/categories")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class CategoriesResource {

    private final Permissions permissions;
    private final CurrentUser currentUser;

    private final ForumQueries queries;
    private final ReadingState readingState;
    private final TopicWatching watching;

    CategoriesResource(Permissions permissions, CurrentUser currentUser, ForumQueries queries, ReadingState readingState,
            TopicWatching watching) {
        this.permissions = permissions;
        this.currentUser = currentUser;
        this.queries = queries;
        this.readingState = readingState;
        this.watching = watching;
    }

    /** Only the categories the caller may read. */
    @GET
    public List<CategoryJson> list() {
        Viewer viewer = currentUser.viewer();
        return permissions.readableCategories(viewer).stream()
                .map(c -> new CategoryJson(c.slug, c.name, c.description, permissions.canCreateTopicIn(viewer, c)))
                .toList();
    }

    /** "Mark all read": every new or unread topic of the category, read to its end. */
    @POST
    @Path("/{slug}/read")
    public MarkedRead markRead(@PathParam("slug") String slug) {
        Viewer viewer = currentUser.viewer();
        return new MarkedRead(readingState.markCategoryRead(viewer, queries.readableCategory(viewer, slug)));
    }

    /** {@code {level}} for every topic of the category that has no level of its own. */
    @PUT
    @Path("/{slug}/notification-level")
    @Consumes(MediaType.APPLICATION_JSON)
    public LevelRequest notificationLevel(@PathParam("slug") String slug, LevelRequest request) {
        Viewer viewer = currentUser.viewer();
        watching.setLevel(viewer, queries.readableCategory(viewer, slug), ApiException.requireBody(request).level());
        return request;
    }
}
