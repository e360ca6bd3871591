package org.stepcalls.forum.api;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.stepcalls.forum.Flags;
import org.stepcalls.forum.Likes;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.web.ApiException;

import io.quarkus.security.Authenticated;

/** Likes and flags on a post. */
@Path("/api/posts/{id}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PostReactionsResource {

    public record LikeJson(long likes, boolean liked) {
    }

    public record FlagRequest(String reason, String note) {
    }

    public record FlagJson(long id, boolean hidden) {
    }

    private final Likes likes;
    private final Flags flags;
    private final CurrentUser currentUser;

    PostReactionsResource(Likes likes, Flags flags, CurrentUser currentUser) {
        this.likes = likes;
        this.flags = flags;
        this.currentUser = currentUser;
    }

    /** Idempotent: liking twice is one like. */
    @POST
    @Path("/like")
    public LikeJson like(@PathParam("id") long id) {
        Likes.State state = likes.like(currentUser.viewer(), id);
        return new LikeJson(state.likes(), state.liked());
    }

    @DELETE
    @Path("/like")
    public LikeJson unlike(@PathParam("id") long id) {
        Likes.State state = likes.unlike(currentUser.viewer(), id);
        return new LikeJson(state.likes(), state.liked());
    }

    @POST
    @Path("/flags")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response flag(@PathParam("id") long id, FlagRequest request) {
        FlagRequest body = ApiException.requireBody(request);
        Flags.Flagged flagged = flags.flag(currentUser.viewer(), id, body.reason(), body.note());
        return Response.created(URI.create("/api/review")).entity(new FlagJson(flagged.id(), flagged.hidden())).build();
    }
}
