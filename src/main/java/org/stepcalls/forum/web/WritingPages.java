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
import org.stepcalls.forum.Drafts;
import org.stepcalls.forum.ForumQueries;
import org.stepcalls.forum.ForumService;
import org.stepcalls.forum.Permissions;
import org.stepcalls.forum.Post;
import org.stepcalls.forum.PostDeletion;
import org.stepcalls.forum.ForumService.Preview;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The writing forms' second buttons — Preview and Save draft, sent by {@code formaction} so no
 * script is needed — and deleting your own post, and a post's revisions. Preview and drafts go
 * through the same redactor, renderer and safety net as posting; a preview stores nothing.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class WritingPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance revisions(Post post, List<ForumQueries.RevisionView> revisions);
    }

    private final ForumPages pages;
    private final ForumService forum;
    private final ForumQueries queries;
    private final Drafts drafts;
    private final PostDeletion deletion;
    private final Permissions permissions;
    private final CurrentUser currentUser;

    WritingPages(ForumPages pages, ForumService forum, ForumQueries queries, Drafts drafts, PostDeletion deletion,
            Permissions permissions, CurrentUser currentUser) {
        this.pages = pages;
        this.forum = forum;
        this.queries = queries;
        this.drafts = drafts;
        this.deletion = deletion;
        this.permissions = permissions;
        this.currentUser = currentUser;
    }

    @POST
    @Path("t/{id}/reply/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object previewReply(@PathParam("id") long id, @RestForm String body, @RestForm String page) {
        var topic = pages.pageSentFrom(currentUser.viewer(), id, page);
        try {
            Preview preview = forum.preview(body);
            return pages.topicPage(topic, body, null, 0, preview.rendered().html(), previewNotice(preview));
        } catch (ApiException e) {
            return refused(e, pages.topicPage(topic, body, e.getMessage(), 0, null, null));
        }
    }

    @POST
    @Path("t/{id}/reply/draft")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object saveReplyDraft(@PathParam("id") long id, @RestForm String body, @RestForm String page) {
        Viewer viewer = currentUser.viewer();
        var topic = pages.pageSentFrom(viewer, id, page);
        try {
            Drafts.Draft draft = drafts.save(viewer, Drafts.replyKey(id), null, body);
            return pages.topicPage(topic, draft.body(), null, 0, null, "Draft saved. It comes back in this box until you post.");
        } catch (ApiException e) {
            return refused(e, pages.topicPage(topic, body, e.getMessage(), 0, null, null));
        }
    }

    @POST
    @Path("new-topic/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object previewNewTopic(@RestForm String category, @RestForm String title, @RestForm String body) {
        List<org.stepcalls.forum.Category> postable = postable(currentUser.viewer());
        try {
            Preview preview = forum.preview(body);
            return ForumPages.Templates.newTopic(postable, category, title, body, null, null, preview.rendered().html(),
                    previewNotice(preview));
        } catch (ApiException e) {
            return refused(e, ForumPages.Templates.newTopic(postable, category, title, body, e.getMessage(),
                    e.field() == null ? "body" : e.field(), null, null));
        }
    }

    @POST
    @Path("new-topic/draft")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object saveNewTopicDraft(@RestForm String category, @RestForm String title, @RestForm String body) {
        Viewer viewer = currentUser.viewer();
        List<org.stepcalls.forum.Category> postable = postable(viewer);
        try {
            Drafts.Draft draft = drafts.save(viewer, Drafts.newTopicKey(category == null ? "" : category), title, body);
            return ForumPages.Templates.newTopic(postable, category, draft.title(), draft.body(), null, null, null,
                    "Draft saved. It comes back when you start a topic in this category.");
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw e;
            }
            return refused(e, ForumPages.Templates.newTopic(postable, category, title, body, e.getMessage(),
                    e.field() == null || "key".equals(e.field()) ? "category" : e.field(), null, null));
        }
    }

    @POST
    @Path("p/{id}/edit/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object previewEdit(@PathParam("id") long id, @RestForm String body) {
        Post post = queries.editablePost(currentUser.viewer(), id);
        try {
            return ForumPages.Templates.edit(post, body, null, forum.preview(body).rendered().html());
        } catch (ApiException e) {
            return refused(e, ForumPages.Templates.edit(post, body, e.getMessage(), null));
        }
    }

    @POST
    @Path("p/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("id") long id) {
        deletion.deleteOwn(currentUser.viewer(), id);
        return Response.seeOther(URI.create(queries.pathTo(Post.findById(id)))).build();
    }

    @GET
    @Path("posts/{id}/revisions")
    public TemplateInstance revisions(@PathParam("id") long id) {
        List<ForumQueries.RevisionView> revisions = queries.revisions(currentUser.viewer(), id);
        return Templates.revisions(Post.findById(id), revisions);
    }

    private List<org.stepcalls.forum.Category> postable(Viewer viewer) {
        return permissions.readableCategories(viewer).stream().filter(c -> permissions.canCreateTopicIn(viewer, c))
                .toList();
    }

    private static String previewNotice(Preview preview) {
        return preview.redactions() == 0 ? "Preview: nothing is saved until you post."
                : "Preview: nothing is saved until you post. " + preview.redactions()
                        + " phone number(s) or e-mail address(es) will be removed, as shown.";
    }

    /** A refused form comes back with what was typed; anything but bad input or a conflict is an error page. */
    private static Response refused(ApiException e, TemplateInstance page) {
        if (e.status() != 400 && e.status() != 409) {
            throw e;
        }
        return Response.status(e.status()).entity(page).build();
    }
}
