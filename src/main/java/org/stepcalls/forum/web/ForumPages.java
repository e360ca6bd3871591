package org.stepcalls.forum.web;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.stepcalls.forum.Category;
import org.stepcalls.forum.Drafts;
import org.stepcalls.forum.ForumQueries;
import org.stepcalls.forum.ForumQueries.SearchResult;
import org.stepcalls.forum.ForumQueries.TopicPage;
import org.stepcalls.forum.ForumQueries.TopicSummary;
import org.stepcalls.forum.ForumQueries.TopicView;
import org.stepcalls.forum.ForumService;
import org.stepcalls.forum.Permissions;
import org.stepcalls.forum.Post;
import org.stepcalls.forum.ReadingState;
import org.stepcalls.forum.ReadingState.Visit;
import org.stepcalls.forum.TopicWatching;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.platform.web.ErrorResponses;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The forum's server-rendered pages. Forms post back here; a refused form comes back with what
 * was typed and the problem marked. Every decision is the same {@link ForumService} /
 * {@link Permissions} call the JSON API makes.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ForumPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance welcome();

        /** {@code rows}: on a category's first page its pinned topics, then the page's topics. */
        static native TemplateInstance latest(TopicPage page, List<TopicRow> rows, Category category,
                List<Category> categories, boolean canCreate, String categoryLevel);

        /** {@code visit}: where the reader had read up to, and their level; {@code preview}: rendered HTML or null. */
        static native TemplateInstance topic(TopicView topic, Pages pages, String replyText, String error, int redacted,
                Visit visit, String preview, String notice);

        static native TemplateInstance newTopic(List<Category> categories, String category, String title, String body,
                String error, String errorField, String preview, String notice);

        static native TemplateInstance edit(Post post, String body, String error, String preview);

        static native TemplateInstance search(String q, List<SearchResult> results, String error);
    }

    private final ForumService forum;
    private final ForumQueries queries;
    private final Permissions permissions;
    private final CurrentUser currentUser;

    private final ReadingState readingState;
    private final Drafts drafts;
    private final TopicWatching watching;

    ForumPages(ForumService forum, ForumQueries queries, Permissions permissions, CurrentUser currentUser,
            ReadingState readingState, Drafts drafts, TopicWatching watching) {
        this.watching = watching;
        this.readingState = readingState;
        this.drafts = drafts;
        this.forum = forum;
        this.queries = queries;
        this.permissions = permissions;
        this.currentUser = currentUser;
    }

    @GET
    public TemplateInstance latest(@QueryParam("before") String before) {
        if (!currentUser.isSignedIn()) {
            return Templates.welcome();
        }
        Viewer viewer = currentUser.viewer();
        TopicPage page = queries.latest(viewer, Optional.empty(), before, false);
        return Templates.latest(page, rows(page.topics()), null, permissions.readableCategories(viewer),
                !postableCategories(viewer).isEmpty(), null);
    }

    private static List<TopicRow> rows(List<TopicSummary> topics) {
        return topics.stream().map(TopicRow::of).toList();
    }

    @GET
    @Path("login")
    public Response login() {
        return Response.seeOther(URI.create("/")).build();
    }

    @GET
    @Path("c/{slug}")
    public Object category(@PathParam("slug") String slug, @QueryParam("before") String before) {
        Viewer viewer = currentUser.viewer();
        Category category = queries.readableCategory(viewer, slug);
        if (category.listPage != null) { // a feature lists its topics itself, with its own filters
            return seeOther(category.listPage);
        }
        boolean firstPage = before == null || before.isBlank();
        TopicPage page = queries.latest(viewer, Optional.of(category), before, true);
        List<TopicSummary> rows = new java.util.ArrayList<>(firstPage ? queries.pinned(viewer, category) : List.of());
        rows.addAll(page.topics());
        return Templates.latest(page, rows(rows), category, permissions.readableCategories(viewer),
                permissions.canCreateTopicIn(viewer, category), watching.levelOf(viewer, category).value());
    }

    @GET
    @Path("t/{id}")
    public Object topic(@PathParam("id") long id, @QueryParam("page") String page, @QueryParam("redacted") String redacted) {
        Viewer viewer = currentUser.viewer();
        int pageNumber = pageNumber(page);
        TopicView topic = queries.topicPage(viewer, id, pageNumber);
        if (topic.category().topicPage != null) { // a feature's topic has a page of its own, which says what was removed too
            return seeOther(topic.category().topicPage + id + (count(redacted) > 0 ? "?redacted=" + count(redacted) : ""));
        }
        if (topic.posts().isEmpty() && pageNumber > 1) {
            throw ApiException.notFound();
        }
        if (page == null && topic.postsCount() > ForumQueries.POSTS_PER_PAGE) { // a long topic opens where its reader stopped
            int lastRead = readingState.lastRead(viewer, id);
            if (lastRead > 0 && lastRead < topic.postsCount() && ForumQueries.pageOf(lastRead + 1) > 1) {
                return seeOther("/t/" + id + "?page=" + ForumQueries.pageOf(lastRead + 1) + "#unread");
            }
        }
        return topicPage(topic, null, null, count(redacted), null, null);
    }

    /** A post's own address, as Discourse's {@code /p/{id}}: its topic's page that shows it, at the post. */
    @GET
    @Path("p/{id}")
    public Response post(@PathParam("id") long id) {
        Post post = Post.findById(id);
        if (post == null || !permissions.canRead(currentUser.viewer(), post.topic)) {
            throw ApiException.notFound();
        }
        return seeOther(queries.pathTo(post));
    }

    private static final String PAGE_NUMBER = "[1-9]\\d{0,5}";

    /** {@code ?page=}: none is the first; anything but a page number is refused, not read as the first. */
    private static int pageNumber(String page) {
        if (page == null) {
            return 1;
        }
        if (!page.matches(PAGE_NUMBER)) {
            throw ApiException.invalidField("page", "A page is a number from 1.");
        }
        return Integer.parseInt(page);
    }

    /**
     * The page a topic's form was sent from (its {@code page} field), else the last: a preview, a saved draft or a
     * refused reply shows the reader where they were, and so marks nothing read that they have not seen.
     */
    TopicView pageSentFrom(Viewer viewer, long id, String formPage) {
        if (formPage != null && formPage.matches(PAGE_NUMBER)) {
            TopicView topic = queries.topicPage(viewer, id, Integer.parseInt(formPage));
            if (!topic.posts().isEmpty()) {
                return topic;
            }
        }
        return queries.topicLastPage(viewer, id);
    }

    /** The topic's page as this reader opens it: read to the page's last post from now on, the reply box holding their draft. */
    TemplateInstance topicPage(TopicView topic, String replyText, String error, int redacted, String preview, String notice) {
        Viewer viewer = currentUser.viewer();
        Visit visit = readingState.visitWithReplyDraft(viewer, topic);
        return Templates.topic(topic, Pages.of(topic), replyText == null ? visit.replyDraft() : replyText, error, redacted, visit,
                preview, notice);
    }

    /** Which page of its topic a page is, for the links between them; every link names its page, the first too. */
    public record Pages(long topicId, int current, int last) {

        static Pages of(TopicView topic) {
            int current = topic.posts().isEmpty() ? 1 : ForumQueries.pageOf(topic.posts().get(0).number());
            return new Pages(topic.id(), current, ForumQueries.pageOf(Math.max(topic.postsCount(), 1)));
        }

        /** A form's {@code page} field as the query back to that page; nothing for anything else. */
        static String backTo(String formPage) {
            return formPage != null && formPage.matches(PAGE_NUMBER) ? "?page=" + formPage : "";
        }

        public boolean several() {
            return last > 1;
        }

        /** The number of the page's first post, where its list starts. */
        public int firstNumber() {
            return (current - 1) * ForumQueries.POSTS_PER_PAGE + 1;
        }

        public String link(int page) {
            return "/t/" + topicId + "?page=" + page;
        }

        public String previous() {
            return link(current - 1);
        }

        public String next() {
            return link(current + 1);
        }
    }

    @POST
    @Path("t/{id}/reply")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object reply(@PathParam("id") long id, @RestForm String body, @RestForm String page) {
        Viewer viewer = currentUser.viewer();
        try {
            ForumService.Saved saved = forum.reply(viewer, id, body);
            return seeOther(withRedacted(queries.pathTo(Post.findById(saved.id())), saved.redactions()));
        } catch (ApiException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            return Response.status(e.status()).entity(topicPage(pageSentFrom(viewer, id, page), body, e.getMessage(), 0, null,
                    null)).build();
        }
    }

    @GET
    @Path("new-topic")
    public TemplateInstance newTopicForm(@QueryParam("category") String category) {
        Viewer viewer = currentUser.viewer();
        String slug = category == null ? "general" : category;
        List<Category> postable = postableCategories(viewer);
        var draft = postable.stream().anyMatch(c -> c.slug.equals(slug))
                ? drafts.stored(viewer, Drafts.newTopicKey(slug)) : Optional.<Drafts.Draft> empty();
        return Templates.newTopic(postable, slug, draft.map(Drafts.Draft::title).orElse(""),
                draft.map(Drafts.Draft::body).orElse(""), null, null, null, draft.isPresent() ? "Your draft is back." : null);
    }

    @POST
    @Path("new-topic")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object newTopic(@RestForm String category, @RestForm String title, @RestForm String body) {
        Viewer viewer = currentUser.viewer();
        try {
            ForumService.Saved saved = forum.createTopic(viewer, category, title, body);
            return seeOther("/t/" + saved.id() + "?redacted=" + saved.redactions());
        } catch (ApiException e) {
            if (e.status() == 404 || e.status() >= 500) {
                throw e;
            }
            return Response.status(e.status()).entity(Templates.newTopic(postableCategories(viewer), category,
                    title, body, e.getMessage(), e.field() == null ? "category" : e.field(), null, null)).build();
        }
    }

    @GET
    @Path("p/{id}/edit")
    public TemplateInstance editForm(@PathParam("id") long id) {
        Post post = queries.editablePost(currentUser.viewer(), id);
        return Templates.edit(post, post.body(), null, null);
    }

    @POST
    @Path("p/{id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object edit(@PathParam("id") long id, @RestForm String body) {
        Viewer viewer = currentUser.viewer();
        try {
            ForumService.Saved saved = forum.edit(viewer, id, body);
            return seeOther(withRedacted(queries.pathTo(Post.findById(saved.id())), saved.redactions()));
        } catch (ApiException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            return Response.status(e.status()).entity(Templates.edit(queries.editablePost(viewer, id), body,
                    e.getMessage(), null)).build();
        }
    }

    @POST
    @Path("p/{id}/hide")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response hide(@PathParam("id") long id, @RestForm String reason) {
        forum.hide(currentUser.viewer(), id, reason);
        return backToPost(id);
    }

    @POST
    @Path("p/{id}/unhide")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response unhide(@PathParam("id") long id) {
        forum.unhide(currentUser.viewer(), id);
        return backToPost(id);
    }

    @POST
    @Path("t/{id}/moderate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response moderate(@PathParam("id") long id, @RestForm String action, @RestForm String page) {
        Viewer viewer = currentUser.viewer();
        switch (action == null ? "" : action) {
            case "close" -> forum.setClosed(viewer, id, true);
            case "reopen" -> forum.setClosed(viewer, id, false);
            case "pin" -> forum.setPinned(viewer, id, true);
            case "unpin" -> forum.setPinned(viewer, id, false);
            default -> throw ApiException.invalidField("action", "Choose close, reopen, pin or unpin.");
        }
        return seeOther("/t/" + id + Pages.backTo(page));
    }

    @GET
    @Path("search")
    public Response search(@QueryParam("q") String q) {
        if (q == null || q.isBlank()) {
            return Response.ok(Templates.search("", List.of(), null)).build();
        }
        try {
            return Response.ok(Templates.search(q, queries.search(currentUser.viewer(), q), null)).build();
        } catch (ApiException e) { // too long, or search busy: the box again with what was typed and why
            return ErrorResponses.retryAfterWhenBusy(Response.status(e.status()).entity(Templates.search(q, List.of(), e.getMessage())), e)
                    .build();
        }
    }

    private List<Category> postableCategories(Viewer viewer) {
        return permissions.readableCategories(viewer).stream().filter(c -> permissions.canCreateTopicIn(viewer, c))
                .toList();
    }

    private Response backToPost(long postId) {
        return seeOther(queries.pathTo(Post.findById(postId)));
    }

    /** The redaction notice's count in a post's path, before its anchor. */
    private static String withRedacted(String path, int redactions) {
        int anchor = path.indexOf('#');
        String page = path.substring(0, anchor);
        return page + (page.contains("?") ? "&" : "?") + "redacted=" + redactions + path.substring(anchor);
    }

    /** The redaction notice's count, from our own redirect; anything else shows no notice. */
    private static int count(String value) {
        return value != null && value.matches("\\d{1,4}") ? Integer.parseInt(value) : 0;
    }

    private static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }
}
