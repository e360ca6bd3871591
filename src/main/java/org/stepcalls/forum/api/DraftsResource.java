package org.stepcalls.forum.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.stepcalls.forum.Drafts;
import org.stepcalls.forum.Drafts.Draft;
import org.stepcalls.forum.api.ForumJson.DraftJson;
import org.stepcalls.forum.api.ForumJson.DraftRequest;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.web.ApiException;

import io.quarkus.security.Authenticated;

/** Your drafts, one per box: {@code topic-{id}} (a reply) or {@code new-topic-{category}}. */
@Path("/api/drafts/{key}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DraftsResource {

    private final Drafts drafts;
    private final CurrentUser currentUser;

    DraftsResource(Drafts drafts, CurrentUser currentUser) {
        this.drafts = drafts;
        this.currentUser = currentUser;
    }

    @GET
    public DraftJson get(@PathParam("key") String key) {
        return drafts.find(currentUser.viewer(), key).map(DraftsResource::json).orElseThrow(ApiException::notFound);
    }

    /** Saved redacted, as a post would be; the answer is the draft as stored. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public DraftJson save(@PathParam("key") String key, DraftRequest request) {
        DraftRequest body = ApiException.requireBody(request);
        return json(drafts.save(currentUser.viewer(), key, body.title(), body.body()));
    }

    @DELETE
    public Response delete(@PathParam("key") String key) {
        drafts.delete(currentUser.viewer(), key);
        return Response.noContent().build();
    }

    private static DraftJson json(Draft draft) {
        return new DraftJson(draft.key(), draft.title(), draft.body(), draft.updatedAt());
    }
}
