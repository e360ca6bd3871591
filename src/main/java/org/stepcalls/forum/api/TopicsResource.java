package org.stepcalls.forum.api;

import java.net.URI;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.stepcalls.forum.ForumQueries;
import org.stepcalls.forum.ForumQueries.TopicPage;
import org.stepcalls.forum.ForumQueries.TopicView;
import org.stepcalls.forum.ForumService;
import org.stepcalls.forum.ReadingState;
import org.stepcalls.forum.ReadingState.Visit;
import org.stepcalls.forum.TopicWatching;
import org.stepcalls.forum.api.ForumJson.LevelRequest;
import org.stepcalls.forum.api.ForumJson.NewPost;
import org.stepcalls.forum.api.ForumJson.NewTopic;
import org.stepcalls.forum.api.ForumJson.PostJson;
import org.stepcalls.forum.api.ForumJson.Saved;
import org.stepcalls.forum.api.ForumJson.TopicJson;
import org.stepcalls.forum.api.ForumJson.TopicList;
import org.stepcalls.forum.api.ForumJson.TopicListItem;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.web.ApiException;

import io.quarkus.security.Authenticated;

@Path("/api/topics")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class TopicsResource {

    private final ForumService forum;
    private final ForumQueries queries;
    private final CurrentUser currentUser;
    private final ReadingState readingState;
    private final TopicWatching watching;

    TopicsResource(ForumService forum, ForumQueries queries, CurrentUser currentUser, ReadingState readingState,
            TopicWatching watching) {
        this.forum = forum;
        this.queries = queries;
        this.currentUser = currentUser;
        this.readingState = readingState;
        this.watching = watching;
    }

    /** Newest activity first; {@code next} is the cursor for the following page, null on the last. */
    @GET
    public TopicList latest(@QueryParam("category") String category, @QueryParam("before") String before) {
        var only = category == null ? Optional.<org.stepcalls.forum.Category>empty()
                : Optional.of(queries.readableCategory(currentUser.viewer(), category));
        TopicPage page = queries.latest(currentUser.viewer(), only, before, false);
        return new TopicList(page.topics().stream().map(t -> new TopicListItem(t.id(), t.title(), t.categorySlug(),
                t.authorName(), t.status(), t.pinned(), t.postsCount(), t.lastActivityAt(), t.unread(), t.isNew(),
                t.lastReadPostNumber(), t.notificationLevel().value())).toList(), page.next());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewTopic request) {
        NewTopic body = ApiException.requireBody(request);
        ForumService.Saved saved = forum.createTopic(currentUser.viewer(), body.category(), body.title(), body.body());
        return Response.created(URI.create("/api/topics/" + saved.id())).entity(new Saved(saved.id(), saved.redactions()))
                .build();
    }

    @GET
    @Path("/{id}")
    public TopicJson topic(@PathParam("id") long id) {
        TopicView topic = queries.topic(currentUser.viewer(), id);
        Visit visit = readingState.visit(currentUser.viewer(), topic); // reading it through the API reads it too
        return new TopicJson(topic.id(), topic.title(), topic.category().slug, topic.status(), topic.pinned(),
                topic.openerName(), topic.posts().stream().map(p -> new PostJson(p.id(), p.number(), p.kind(), p.authorName(),
                        p.body(), p.html(), p.createdAt(), p.editedAt(), p.hidden(), p.hiddenReason(), p.authorUsername(),
                        p.likes(), p.liked(), p.deleted())).toList(), visit.lastReadBefore(), visit.level().value());
    }

    /** {@code {level}}: watching, tracking, normal or muted. */
    @PUT
    @Path("/{id}/notification-level")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response notificationLevel(@PathParam("id") long id, LevelRequest request) {
        watching.setLevel(currentUser.viewer(), id, ApiException.requireBody(request).level());
        return Response.ok(request).build();
    }

    @POST
    @Path("/{id}/posts")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reply(@PathParam("id") long id, NewPost request) {
        ForumService.Saved saved = forum.reply(currentUser.viewer(), id, ApiException.requireBody(request).body());
        return Response.created(URI.create("/api/topics/" + id)).entity(new Saved(saved.id(), saved.redactions())).build();
    }

    @POST
    @Path("/{id}/close")
    public Response close(@PathParam("id") long id) {
        forum.setClosed(currentUser.viewer(), id, true);
        return Response.ok().build();
    }

    @POST
    @Path("/{id}/reopen")
    public Response reopen(@PathParam("id") long id) {
        forum.setClosed(currentUser.viewer(), id, false);
        return Response.ok().build();
    }

    @POST
    @Path("/{id}/pin")
    public Response pin(@PathParam("id") long id) {
        forum.setPinned(currentUser.viewer(), id, true);
        return Response.ok().build();
    }

    @POST
    @Path("/{id}/unpin")
    public Response unpin(@PathParam("id") long id) {
        forum.setPinned(currentUser.viewer(), id, false);
        return Response.ok().build();
    }

}
