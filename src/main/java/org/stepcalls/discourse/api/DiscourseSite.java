package org.stepcalls.discourse.api;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.stepcalls.discourse.DiscourseViews;
import org.stepcalls.discourse.JsonFields;
import org.stepcalls.discourse.Slugs;
import org.stepcalls.forum.Category;
import org.stepcalls.forum.ForumQueries;
import org.stepcalls.forum.ForumQueries.SearchResult;
import org.stepcalls.forum.Notification;
import org.stepcalls.forum.Notifications;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.Role;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Discourse's search, notifications, current session and the site's description. */
@Path("/")
public class DiscourseSite {

    static final String TITLE = "Stepcalls";
    static final String DESCRIPTION = "The forum of a Narcotics Anonymous helpline's volunteers.";
    /** Discourse's notification types for the kinds that have one; every other kind is "custom". */
    static final Map<String, Integer> NOTIFICATION_TYPES = Map.of("mention", 1, "reply", 2, "liked", 5);
    static final int CUSTOM = 14;

    private final ForumQueries queries;
    private final DiscourseViews views;
    private final Notifications notifications;
    private final CurrentUser currentUser;
    private final EntityManager entityManager;

    DiscourseSite(ForumQueries queries, DiscourseViews views, Notifications notifications, CurrentUser currentUser,
            EntityManager entityManager) {
        this.queries = queries;
        this.views = views;
        this.notifications = notifications;
        this.currentUser = currentUser;
        this.entityManager = entityManager;
    }

    /** {@code q}, or {@code term} as Discourse's older clients send it; only what the viewer may read. */
    @GET
    @Path("search.json")
    public Response search(@QueryParam("q") String q, @QueryParam("term") String term) {
        Viewer viewer = DiscourseResponses.signedIn(currentUser);
        String asked = q != null ? q : term;
        List<SearchResult> hits = queries.search(viewer, asked);
        Map<Long, Object[]> posts = new HashMap<>();
        if (!hits.isEmpty()) {
            for (Object[] row : entityManager.createQuery("""
                    select p.id, p.postNumber, p.createdAt, a.id, a.username, a.displayName, t.category.id, t.postsCount,
                           t.createdAt, t.lastActivityAt, t.status, t.pinned
                    from Post p join p.author a join p.topic t where p.id in ?1""", Object[].class)
                    .setParameter(1, hits.stream().map(SearchResult::postId).toList()).getResultList()) {
                posts.put((Long) row[0], row);
            }
        }
        List<JsonFields> postJson = new java.util.ArrayList<>();
        Map<Long, JsonFields> topics = new LinkedHashMap<>();
        for (SearchResult hit : hits) {
            Object[] row = posts.get(hit.postId());
            if (row == null) {
                continue;
            }
            postJson.add(new JsonFields().with("id", hit.postId()).with("name", row[5]).with("username", row[4])
                    .with("avatar_template", "").with("created_at", row[2]).with("like_count", 0)
                    .with("blurb", DiscourseViews.fancy(hit.excerpt())).with("post_number", row[1])
                    .with("topic_title_headline", DiscourseViews.fancy(hit.title()))
                    .with("topic_id", hit.topicId()));
            topics.computeIfAbsent(hit.topicId(), id -> new JsonFields().with("id", id).with("title", hit.title())
                    .with("fancy_title", DiscourseViews.fancy(hit.title())).with("slug", Slugs.of(hit.title())).with("posts_count", row[7])
                    .with("reply_count", Math.max(0, ((Number) row[7]).intValue() - 1)).with("created_at", row[8])
                    .with("last_posted_at", row[9]).with("bumped", true).with("bumped_at", row[9])
                    .with("archetype", "regular").with("pinned", row[11]).with("visible", true)
                    .with("closed", "closed".equals(row[10])).with("archived", false).with("category_id", row[6])
                    .with("tags", List.of()));
        }
        JsonFields grouped = new JsonFields().with("more_posts", null).with("more_users", null)
                .with("more_categories", null).with("term", asked).with("search_log_id", 0)
                .with("more_full_page_results", null).with("can_create_topic", true).with("error", null)
                .with("post_ids", postJson.stream().map(p -> p.get("id")).toList()).with("user_ids", List.of())
                .with("category_ids", List.of()).with("tag_ids", List.of()).with("group_ids", List.of());
        return DiscourseResponses.ok(new JsonFields().with("posts", postJson).with("topics", List.copyOf(topics.values()))
                .with("users", List.of()).with("categories", List.of()).with("tags", List.of())
                .with("groups", List.of()).with("grouped_search_result", grouped));
    }

    @GET
    @Path("notifications.json")
    public Response notifications() {
        Viewer viewer = DiscourseResponses.signedIn(currentUser);
        List<Notification> latest = notifications.latest(viewer);
        List<JsonFields> json = latest.stream().map(n -> new JsonFields().with("id", n.id).with("user_id", n.accountId)
                .with("notification_type", NOTIFICATION_TYPES.getOrDefault(n.kind, CUSTOM)).with("read", n.readAt != null)
                .with("high_priority", false).with("created_at", n.createdAt).with("post_number", null)
                .with("topic_id", n.topicId).with("slug", null)
                .with("data", new JsonFields().with("message", n.text).with("kind", n.kind))).toList();
        return DiscourseResponses.ok(new JsonFields().with("notifications", json).with("total_rows_notifications", json.size())
                .with("seen_notification_id", latest.stream().mapToLong(n -> n.id).max().orElse(0)) // a collapsed one moves up, keeping its id
                .with("load_more_notifications", "/notifications.json?offset=" + json.size()));
    }

    @GET
    @Path("session/current.json")
    public Response current() {
        if (!currentUser.isSignedIn()) {
            return DiscourseResponses.error(404, "You are not signed in.", "not_found"); // as Discourse answers
        }
        Viewer viewer = currentUser.viewer();
        boolean admin = viewer.has(Role.ADMIN);
        boolean moderator = viewer.has(Role.COORDINATOR);
        return DiscourseResponses.ok(JsonFields.of("current_user", new JsonFields().with("id", viewer.accountId())
                .with("username", currentUser.username()).with("name", currentUser.displayName())
                .with("avatar_template", "").with("admin", admin).with("moderator", moderator)
                .with("staff", admin || moderator).with("trust_level", 1)
                .with("unread_notifications", notifications.unreadCount(viewer)).with("can_create_topic", true)
                .with("groups", viewer.roles().stream().map(role -> JsonFields.of("name", role.claimValue())).toList())));
    }

    @GET
    @Path("site.json")
    public Response site() {
        Viewer viewer = DiscourseResponses.signedIn(currentUser);
        List<JsonFields> categories = views.categories(viewer);
        Category general = Category.findBySlug(DiscourseWrites.DEFAULT_CATEGORY);
        return DiscourseResponses.ok(new JsonFields().with("default_archetype", "regular")
                .with("notification_types", Map.of("mentioned", 1, "replied", 2, "liked", 5, "custom", CUSTOM))
                .with("post_types", Map.of("regular", 1, "moderator_action", 2, "small_action", 3, "whisper", 4))
                .with("trust_levels", Map.of("newuser", 0, "basic", 1, "member", 2, "regular", 3, "leader", 4))
                .with("user_tips", Map.of()).with("groups", List.of()).with("filters", List.of("latest", "categories"))
                .with("periods", List.of("all")).with("top_menu_items", List.of("latest", "categories"))
                .with("anonymous_top_menu_items", List.of()).with("uncategorized_category_id", general == null ? 0 : general.id)
                .with("user_field_max_length", 0).with("post_action_types", List.of())
                .with("topic_flag_types", List.of()).with("can_create_tag", false).with("can_tag_topics", false)
                .with("can_tag_pms", false).with("tags_filter_regexp", "").with("top_tags", List.of())
                .with("wizard_required", false).with("topic_featured_link_allowed_category_ids", List.of())
                .with("user_themes", List.of()).with("user_color_schemes", List.of()).with("default_dark_color_scheme", null)
                .with("censored_regexp", List.of()).with("custom_emoji_translation", Map.of())
                .with("watched_words_replace", null).with("watched_words_link", null).with("categories", categories)
                .with("archetypes", List.of(new JsonFields().with("id", "regular").with("name", "Regular Topic")
                        .with("options", List.of())))
                .with("user_fields", List.of()).with("auth_providers", List.of()));
    }

    /** Public, as on every Discourse: it says the forum needs a sign-in and nothing more. */
    @GET
    @Path("site/basic-info.json")
    public Response basicInfo() {
        return DiscourseResponses.ok(new JsonFields().with("logo_url", "").with("logo_small_url", "")
                .with("apple_touch_icon_url", "").with("favicon_url", "").with("title", TITLE)
                .with("description", DESCRIPTION).with("header_primary_color", "333333")
                .with("header_background_color", "ffffff").with("login_required", true).with("locale", "en")
                .with("include_in_discourse_discover", false).with("mobile_logo_url", ""));
    }

    @GET
    @Path("about.json")
    public Response about() {
        Viewer viewer = DiscourseResponses.signedIn(currentUser);
        List<Long> readable = views.readableCategories(viewer).stream().map(c -> c.id).toList();
        Object[] counts = entityManager.createQuery(
                "select count(t), coalesce(sum(t.postsCount), 0) from Topic t where t.category.id in ?1", Object[].class)
                .setParameter(1, readable.isEmpty() ? List.of(-1L) : readable).getSingleResult();
        long users = entityManager.createQuery("select count(a) from Account a where a.issuer <> 'erased'", Long.class)
                .getSingleResult();
        return DiscourseResponses.ok(JsonFields.of("about", new JsonFields().with("title", TITLE)
                .with("description", DESCRIPTION).with("locale", "en").with("version", "stepcalls").with("https", false)
                .with("can_see_about_stats", true).with("contact_url", "").with("contact_email", "")
                .with("moderator_ids", List.of()).with("admin_ids", List.of()).with("category_moderators", List.of())
                .with("stats", new JsonFields().with("topic_count", counts[0]).with("post_count", counts[1])
                        .with("user_count", users).with("active_users_7_days", 0).with("active_users_30_days", 0))));
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
