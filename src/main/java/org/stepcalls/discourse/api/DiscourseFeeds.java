package org.stepcalls.discourse.api;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.stepcalls.discourse.DiscourseViews;
import org.stepcalls.discourse.Slugs;
import org.stepcalls.forum.Category;
import org.stepcalls.forum.ForumQueries;
import org.stepcalls.forum.ForumQueries.PostView;
import org.stepcalls.forum.ForumQueries.TopicView;
import org.stepcalls.forum.Permissions;
import org.stepcalls.forum.Post;
import org.stepcalls.forum.Topic;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * RSS 2.0 in Discourse's shape: latest topics, a category's topics, a topic's posts. The forum is
 * not public, so a feed needs a key ({@code ?api_key=…&api_username=…}, as Discourse takes for
 * feeds); it holds only what that person may read.
 */
@Path("/")
public class DiscourseFeeds {

    static final String RSS = "application/rss+xml; charset=utf-8";
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final DiscourseViews views;
    private final ForumQueries queries;
    private final Permissions permissions;
    private final CurrentUser currentUser;
    private final String publicUrl;

    DiscourseFeeds(DiscourseViews views, ForumQueries queries, Permissions permissions, CurrentUser currentUser,
            @ConfigProperty(name = "stepcalls.public-url") java.util.Optional<String> publicUrl) {
        this.views = views;
        this.queries = queries;
        this.permissions = permissions;
        this.currentUser = currentUser;
        this.publicUrl = publicUrl.map(url -> url.replaceAll("/+$", "")).orElse(null);
    }

    @GET
    @Path("latest.rss")
    public Response latest(@Context UriInfo uri) {
        Viewer viewer = DiscourseResponses.signedIn(currentUser);
        return topicsFeed(base(uri), "Latest topics", "/latest", "/latest.rss", views.readableCategories(viewer));
    }

    @GET
    @Path("c/{slug}/{id: \\d+}.rss")
    public Response category(@PathParam("id") long id, @Context UriInfo uri) {
        Viewer viewer = DiscourseResponses.signedIn(currentUser);
        Category category = views.readableCategory(viewer, id);
        return topicsFeed(base(uri), category.name + " topics", "/c/" + category.slug,
                "/c/" + category.slug + "/" + id + ".rss", List.of(category));
    }

    @GET
    @Path("t/{id: \\d+}.rss")
    public Response topic(@PathParam("id") long id, @Context UriInfo uri) {
        Viewer viewer = DiscourseResponses.signedIn(currentUser);
        TopicView topic = queries.topic(viewer, id);
        String base = base(uri);
        String host = host(base);
        String slug = Slugs.of(topic.title());
        StringBuilder items = new StringBuilder();
        for (PostView post : topic.posts()) {
            items.append("<item><title>").append(xml(topic.title())).append("</title>")
                    .append("<dc:creator>").append(cdata(post.authorUsername())).append("</dc:creator>")
                    .append("<description>").append(cdata(post.contentVisible() ? post.html() : "")).append("</description>")
                    .append("<link>").append(xml(base + "/p/" + post.id())).append("</link>") // the page that holds it
                    .append("<pubDate>").append(RFC_822.format(post.createdAt())).append("</pubDate>")
                    .append("<guid isPermaLink=\"false\">").append(xml(host + "-post-" + id + "-" + post.number())).append("</guid>")
                    .append("<source url=\"").append(xml(base + "/t/" + slug + "/" + id + ".rss")).append("\">")
                    .append(xml(topic.title())).append("</source></item>");
        }
        return feed(topic.title(), base + "/t/" + id, "Posts in " + topic.title(), base + "/t/" + slug + "/" + id + ".rss",
                items);
    }

    @GET
    @Path("t/{slug}/{id: \\d+}.rss")
    public Response topicBySlug(@PathParam("id") long id, @Context UriInfo uri) {
        return topic(id, uri);
    }

    private Response topicsFeed(String base, String title, String page, String self, List<Category> from) {
        List<Long> ids = from.stream().map(c -> c.id).toList();
        List<Topic> topics = ids.isEmpty() ? List.of() : Topic.<Topic>find(
                "select t from Topic t join fetch t.opener where t.category.id in ?1 order by t.lastActivityAt desc, t.id desc",
                ids).page(0, DiscourseViews.PER_PAGE).list();
        Map<Long, Post> firstPosts = new HashMap<>();
        if (!topics.isEmpty()) {
            Post.<Post>list("topic.id in ?1 and postNumber = 1", topics.stream().map(t -> t.id).toList())
                    .forEach(post -> firstPosts.put(post.topic.id, post));
        }
        String host = host(base);
        StringBuilder items = new StringBuilder();
        for (Topic topic : topics) {
            Category category = permissions.categoryOf(topic);
            Post first = firstPosts.get(topic.id);
            String description = first == null || first.hidden ? "" : first.html();
            String slug = Slugs.of(topic.title());
            items.append("<item><title>").append(xml(topic.title())).append("</title>")
                    .append("<dc:creator>").append(cdata(topic.opener.username)).append("</dc:creator>")
                    .append("<category>").append(xml(category.name)).append("</category>")
                    .append("<description>").append(cdata(description)).append("</description>")
                    .append("<link>").append(xml(base + "/t/" + topic.id)).append("</link>")
                    .append("<pubDate>").append(RFC_822.format(topic.createdAt)).append("</pubDate>")
                    .append("<discourse:topicPinned>").append(yesNo(topic.pinned)).append("</discourse:topicPinned>")
                    .append("<discourse:topicClosed>").append(yesNo(topic.isClosed())).append("</discourse:topicClosed>")
                    .append("<discourse:topicArchived>No</discourse:topicArchived>")
                    .append("<guid isPermaLink=\"false\">").append(xml(host + "-topic-" + topic.id)).append("</guid>")
                    .append("<source url=\"").append(xml(base + "/t/" + slug + "/" + topic.id + ".rss")).append("\">")
                    .append(xml(topic.title())).append("</source></item>");
        }
        return feed("Stepcalls - " + title, base + page, title, base + self, items);
    }

    private static Response feed(String title, String link, String description, String self, CharSequence items) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
                + "<rss version=\"2.0\" xmlns:discourse=\"http://www.discourse.org/\" xmlns:atom=\"http://www.w3.org/2005/Atom\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
                + "<title>" + xml(title) + "</title><link>" + xml(link) + "</link>"
                + "<description>" + xml(description) + "</description>"
                + "<lastBuildDate>" + RFC_822.format(OffsetDateTime.now()) + "</lastBuildDate>"
                + "<atom:link href=\"" + xml(self) + "\" rel=\"self\" type=\"application/rss+xml\" />"
                + items + "</channel></rss>\n";
        return Response.ok(xml).header(HttpHeaders.CONTENT_TYPE, RSS).build();
    }

    /** Links point at the public address when one is configured, else at the address asked. */
    private String base(UriInfo uri) {
        return publicUrl != null && !publicUrl.isBlank() ? publicUrl : uri.getBaseUri().toString().replaceAll("/+$", "");
    }

    /** Discourse's guids start with the host name. */
    private static String host(String base) {
        return java.net.URI.create(base).getHost();
    }

    private static String yesNo(boolean value) {
        return value ? "Yes" : "No";
    }

    static String xml(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }

    /** Rendered HTML inside CDATA, with any "]]>" split so it cannot end the section early. */
    static String cdata(String text) {
        return "<![CDATA[" + (text == null ? "" : text.replace("]]>", "]]]]><![CDATA[>")) + "]]>";
    }

    @ServerExceptionMapper
    Response refused(ApiException refusal) {
        return DiscourseResponses.refused(refusal);
    }

    @ServerExceptionMapper
    Response refused(UnauthorizedException refusal) {
        return DiscourseResponses.refused(refusal);
    }

    @ServerExceptionMapper
    Response refused(ForbiddenException refusal) {
        return DiscourseResponses.refused(refusal);
    }
}
