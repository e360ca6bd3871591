package org.stepcalls.forum.api;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.stepcalls.forum.ReviewQueue;
import org.stepcalls.forum.api.ForumJson.HideRequest;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.web.ApiException;

import io.quarkus.security.Authenticated;

/** The coordinators' review queue of flagged posts. */
@Path("/api/review")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    /** {@code editedSinceFlagged}: the text flagged is among the post's revisions ({@code /api/posts/{id}/revisions}). */
    public record FlagItemJson(long flagId, String reason, String note, OffsetDateTime flaggedAt, String flaggerUsername,
            long postId, long topicId, String topicTitle, String authorName, String authorUsername, String html,
            boolean postHidden, boolean editedSinceFlagged) {
    }

    public record QueueJson(List<FlagItemJson> flags) {
    }

    private final ReviewQueue queue;
    private final CurrentUser currentUser;

    ReviewResource(ReviewQueue queue, CurrentUser currentUser) {
        this.queue = queue;
        this.currentUser = currentUser;
    }

    /** Open flags, oldest first, on posts of boards you moderate. */
    @GET
    public QueueJson open() {
        return new QueueJson(queue.open(currentUser.viewer()).stream().map(i -> new FlagItemJson(i.flagId(), i.reason(),
                i.note(), i.flaggedAt(), i.flaggerUsername(), i.postId(), i.topicId(), i.topicTitle(), i.authorName(),
                i.authorUsername(), i.postHtml(), i.postHidden(), i.editedSinceFlagged())).toList());
    }

    /** Hide the post with a reason; every open flag on it is closed. */
    @POST
    @Path("/{flagId}/agree")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response agree(@PathParam("flagId") long flagId, HideRequest request) {
        queue.agree(currentUser.viewer(), flagId, ApiException.requireBody(request).reason());
        return Response.ok().build();
    }

    /** Keep the post (shown again if the flag hid it); every open flag on it is closed. */
    @POST
    @Path("/{flagId}/disagree")
    public Response disagree(@PathParam("flagId") long flagId) {
        queue.disagree(currentUser.viewer(), flagId);
        return Response.ok().build();
    }
}
