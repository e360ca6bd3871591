package org.stepcalls.forum.api;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.stepcalls.forum.ForumQueries;
import org.stepcalls.forum.ForumService;
import org.stepcalls.forum.PostDeletion;
import org.stepcalls.forum.api.ForumJson.HideRequest;
import org.stepcalls.forum.api.ForumJson.NewPost;
import org.stepcalls.forum.api.ForumJson.RevisionJson;
import org.stepcalls.forum.api.ForumJson.Saved;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.web.ApiException;

import io.quarkus.security.Authenticated;

@Path("/api/posts/{id}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PostsResource {

    private final ForumService forum;
    private final ForumQueries queries;
    private final CurrentUser currentUser;

    private final PostDeletion deletion;

    PostsResource(ForumService forum, ForumQueries queries, CurrentUser currentUser, PostDeletion deletion) {
        this.deletion = deletion;
        this.forum = forum;
        this.queries = queries;
        this.currentUser = currentUser;
    }

    /** The author replaces the text; the previous text is kept as a revision. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Saved edit(@PathParam("id") long id, NewPost request) {
        ForumService.Saved saved = forum.edit(currentUser.viewer(), id, ApiException.requireBody(request).body());
        return new Saved(saved.id(), saved.redactions());
    }

    @GET
    @Path("/revisions")
    public List<RevisionJson> revisions(@PathParam("id") long id) {
        return queries.revisions(currentUser.viewer(), id).stream()
                .map(r -> new RevisionJson(r.number(), r.body(), r.replacedAt(), r.editorName(), r.keptFromView())).toList();
    }

    /** The author deletes their own reply: text and revisions erased, its place kept. */
    @DELETE
    public Response delete(@PathParam("id") long id) {
        deletion.deleteOwn(currentUser.viewer(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("/hide")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response hide(@PathParam("id") long id, HideRequest request) {
        forum.hide(currentUser.viewer(), id, ApiException.requireBody(request).reason());
        return Response.ok().build();
    }

    @POST
    @Path("/unhide")
    public Response unhide(@PathParam("id") long id) {
        forum.unhide(currentUser.viewer(), id);
        return Response.ok().build();
    }
}
