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

import org.jboss.resteasy.reactive.RestForm;
import org.stepcalls.forum.Flags;
import org.stepcalls.forum.ForumQueries;
import org.stepcalls.forum.Likes;
import org.stepcalls.forum.Post;
import org.stepcalls.forum.Profiles;
import org.stepcalls.forum.ReviewQueue;
import org.stepcalls.forum.Usernames;
import org.stepcalls.forum.Permissions;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.SignedInOnly;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Profiles, likes, flags and the review queue as pages: forms without script, each decision the
 * same call the JSON API makes; a refused form comes back with what was typed and the problem.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PeoplePages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance profile(Profiles.Profile profile, String wanted, String error);

        static native TemplateInstance flag(Post post, List<Flags.Reason> reasons, boolean callsBoard, String reason,
                String note, String error);

        static native TemplateInstance review(List<ReviewQueue.Item> items, Long failedFlag, String reason, String error);
    }

    private final Profiles profiles;
    private final Usernames usernames;
    private final Likes likes;
    private final Flags flags;
    private final ReviewQueue queue;
    private final Permissions permissions;
    private final CurrentUser currentUser;
    private final ForumQueries queries;

    PeoplePages(Profiles profiles, Usernames usernames, Likes likes, Flags flags, ReviewQueue queue,
            Permissions permissions, CurrentUser currentUser, ForumQueries queries) {
        this.profiles = profiles;
        this.usernames = usernames;
        this.likes = likes;
        this.flags = flags;
        this.queue = queue;
        this.permissions = permissions;
        this.currentUser = currentUser;
        this.queries = queries;
    }

    @GET
    @Path("u/{username}")
    public TemplateInstance profile(@PathParam("username") String username) {
        return Templates.profile(profiles.of(currentUser.viewer(), username), "", null);
    }

    @POST
    @SignedInOnly
    @Path("me/username")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object changeUsername(@RestForm String username) {
        Viewer viewer = currentUser.viewer();
        try {
            return seeOther("/u/" + usernames.change(viewer, username));
        } catch (ApiException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            return Response.status(e.status()).entity(Templates.profile(
                    profiles.of(viewer, currentUser.account().username()), username, e.getMessage())).build();
        }
    }

    /** A toggle: {@code action} says which way, so a repeated submit does not undo itself. */
    @POST
    @Path("p/{id}/like")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response like(@PathParam("id") long id, @RestForm String action) {
        if ("unlike".equals(action)) {
            likes.unlike(currentUser.viewer(), id);
        } else {
            likes.like(currentUser.viewer(), id);
        }
        return backToPost(id);
    }

    @GET
    @Path("p/{id}/flag")
    public TemplateInstance flagForm(@PathParam("id") long id) {
        Post post = flaggable(id);
        return flagPage(post, null, "", null);
    }

    @POST
    @Path("p/{id}/flag")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object flag(@PathParam("id") long id, @RestForm String reason, @RestForm String note) {
        try {
            flags.flag(currentUser.viewer(), id, reason, note);
            return backToPost(id);
        } catch (ApiException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            return Response.status(e.status()).entity(flagPage(flaggable(id), reason, note, e.getMessage())).build();
        }
    }

    @GET
    @Path("review")
    public TemplateInstance review() {
        return Templates.review(queue.open(currentUser.viewer()), null, "", null);
    }

    @POST
    @Path("review/{flagId}/agree")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object agree(@PathParam("flagId") long flagId, @RestForm String reason) {
        Viewer viewer = currentUser.viewer();
        try {
            queue.agree(viewer, flagId, reason);
            return seeOther("/review");
        } catch (ApiException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            return Response.status(e.status()).entity(Templates.review(queue.open(viewer), flagId, reason,
                    e.getMessage())).build();
        }
    }

    @POST
    @Path("review/{flagId}/disagree")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response disagree(@PathParam("flagId") long flagId) {
        queue.disagree(currentUser.viewer(), flagId);
        return seeOther("/review");
    }

    private TemplateInstance flagPage(Post post, String reason, String note, String error) {
        boolean callsBoard = !permissions.isConversation(permissions.categoryOf(post.topic));
        List<Flags.Reason> reasons = callsBoard ? List.of(Flags.Reason.PERSONAL_DETAILS) : List.of(Flags.Reason.values());
        return Templates.flag(post, reasons, callsBoard, reason == null ? (callsBoard ? "personal_details" : "") : reason,
                note == null ? "" : note, error);
    }

    private Post flaggable(long id) {
        Post post = Post.findById(id);
        if (post == null || !permissions.canRead(currentUser.viewer(), post.topic)) {
            throw ApiException.notFound();
        }
        return post;
    }

    private Response backToPost(long postId) {
        return seeOther(queries.pathTo(Post.findById(postId)));
    }

    private static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }
}
