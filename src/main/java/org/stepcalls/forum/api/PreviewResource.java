package org.stepcalls.forum.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.stepcalls.forum.ForumService;
import org.stepcalls.forum.api.ForumJson.NewPost;
import org.stepcalls.platform.web.ApiException;

import io.quarkus.security.Authenticated;

/** A post as it would be stored and shown — the same redactor, renderer and safety net — stored nowhere. */
@Path("/api/preview")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PreviewResource {

    public record PreviewJson(String body, String html, int redactions) {
    }

    private final ForumService forum;

    PreviewResource(ForumService forum) {
        this.forum = forum;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public PreviewJson preview(NewPost request) {
        ForumService.Preview preview = forum.preview(ApiException.requireBody(request).body());
        return new PreviewJson(preview.rendered().source().text(), preview.rendered().html(), preview.redactions());
    }
}
