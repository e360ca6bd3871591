package org.stepcalls.discourse;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.stepcalls.forum.Category;
import org.stepcalls.forum.ForumQueries;
import org.stepcalls.forum.ForumQueries.PostView;
import org.stepcalls.forum.ForumQueries.TopicView;
import org.stepcalls.forum.Permissions;
import org.stepcalls.forum.Topic;
import org.stepcalls.platform.security.Role;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;

/**
 * Discourse's JSON for what the forum shows. Every read goes through the forum's own queries or
 * {@link Permissions}, so a Discourse client sees exactly what the pages show the same person — a
 * call topic's records as the board renders them, never a caller field, never the reveal.
 */
@ApplicationScoped
public class DiscourseViews {

    public static final int PER_PAGE = 30;
    public static final int CHUNK_SIZE = 20;
    /** No avatars here: clients get an empty template rather than a link that answers 404. */
    static final String NO_AVATAR = "";

    private final ForumQueries queries;
    private final Permissions permissions;
    private final EntityManager entityManager;

    DiscourseViews(ForumQueries queries, Permissions permissions, EntityManager entityManager) {
        this.queries = queries;
        this.permissions = permissions;
        this.entityManager = entityManager;
    }

    /** A person as Discourse's lists name them. */
    public record Person(long id, String username, String name) {
        JsonFields json() {
            return new JsonFields().with("id", id).with("username", username).with("name", name)
                    .with("avatar_template", NO_AVATAR);
        }
    }

    // ------------------------------------------------------------------ categories

    public List<Category> readableCategories(Viewer viewer) {
        return permissions.readableCategories(viewer);
    }

    /** A readable category by id, or 404 (one that does not exist and one you may not read look the same). */
    public Category readableCategory(Viewer viewer, long id) {
        return readableCategories(viewer).stream().filter(c -> c.id == id).findFirst()
                .orElseThrow(ApiException::notFound);
    }

    public List<JsonFields> categories(Viewer viewer) {
        Map<Long, long[]> counts = categoryCounts();
        return readableCategories(viewer).stream().map(c -> category(viewer, c, counts)).toList();
    }

    public JsonFields category(Viewer viewer, Category category) {
        return category(viewer, category, categoryCounts());
    }

    private JsonFields category(Viewer viewer, Category category, Map<Long, long[]> counts) {
        long[] count = counts.getOrDefault(category.id, new long[2]);
        boolean everyone = category.readers().contains(Role.MEMBER);
        int permission = permissions.canCreateTopicIn(viewer, category) ? 1 : permissions.canPostIn(viewer, category) ? 2 : 3;
        return new JsonFields().with("id", category.id).with("name", category.name).with("color", "0088CC")
                .with("text_color", "FFFFFF").with("slug", category.slug).with("topic_count", count[0])
                .with("post_count", count[1]).with("position", category.position)
                .with("description", category.description).with("description_text", category.description)
                .with("description_excerpt", category.description).with("topic_url", null)
                .with("read_restricted", !everyone).with("permission", permission).with("notification_level", 1)
                .with("can_edit", false).with("topic_template", null).with("has_children", false)
                .with("subcategory_count", null).with("sort_order", null).with("sort_ascending", null)
                .with("show_subcategory_list", false).with("num_featured_topics", 3).with("default_view", null)
                .with("subcategory_list_style", "rows_with_featured_topics").with("default_top_period", "all")
                .with("default_list_filter", "all").with("minimum_required_tags", 0)
                .with("navigate_to_first_post_after_read", false).with("topics_day", 0).with("topics_week", 0)
                .with("topics_month", 0).with("topics_year", 0).with("topics_all_time", count[0])
                .with("is_uncategorized", false).with("subcategory_ids", List.of()).with("subcategory_list", null)
                .with("uploaded_logo", null).with("uploaded_logo_dark", null).with("uploaded_background", null)
                .with("uploaded_background_dark", null).with("required_tag_groups", List.of())
                .with("available_groups", List.of()).with("group_permissions", List.of()).with("read_only_banner", null)
                .with("auto_close_hours", null).with("auto_close_based_on_last_post", false)
                .with("allow_unlimited_owner_edits_on_first_post", false).with("default_slow_mode_seconds", null)
                .with("email_in", null).with("email_in_allow_strangers", false).with("mailinglist_mirror", false)
                .with("all_topics_wiki", false).with("can_delete", false).with("allow_badges", false)
                .with("topic_featured_link_allowed", false).with("search_priority", 0).with("custom_fields", Map.of());
    }

    /** Topics and posts per category, in one statement. */
    private Map<Long, long[]> categoryCounts() {
        Map<Long, long[]> counts = new HashMap<>();
        for (Object[] row : entityManager.createQuery(
                "select t.category.id, count(t), coalesce(sum(t.postsCount), 0) from Topic t group by t.category.id",
                Object[].class).getResultList()) {
            counts.put((Long) row[0], new long[] { ((Number) row[1]).longValue(), ((Number) row[2]).longValue() });
        }
        return counts;
    }

    // ------------------------------------------------------------------ topic lists

    /** {@code topic_list} and its {@code users}: newest activity first, page {@code page} (from 0). */
    public JsonFields topicList(Viewer viewer, List<Category> from, int page, String moreUrl) {
        if (page < 0 || page > 10_000) {
            throw ApiException.invalidField("page", "A page is a number from 0.");
        }
        List<Long> ids = from.stream().map(c -> c.id).toList();
        List<Topic> topics = ids.isEmpty() ? List.of() : Topic.<Topic>find(
                "select t from Topic t join fetch t.opener where t.category.id in ?1 order by t.lastActivityAt desc, t.id desc", ids)
                .withHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true)
                .page(page, PER_PAGE + 1).list();
        boolean more = topics.size() > PER_PAGE;
        List<Topic> shown = more ? topics.subList(0, PER_PAGE) : topics;
        Map<Long, Person> lastPosters = lastPosters(shown);
        Map<Long, Person> users = new LinkedHashMap<>();
        List<JsonFields> items = new ArrayList<>();
        for (Topic topic : shown) {
            Person opener = new Person(topic.opener.id, topic.opener.username, topic.opener.displayName);
            Person last = lastPosters.getOrDefault(topic.id, opener);
            users.putIfAbsent(opener.id(), opener);
            users.putIfAbsent(last.id(), last);
            List<JsonFields> posters = new ArrayList<>();
            posters.add(new JsonFields().with("extras", last.id() == opener.id() ? "latest single" : null)
                    .with("description", "Original Poster").with("user_id", opener.id()).with("primary_group_id", null));
            if (last.id() != opener.id()) {
                posters.add(new JsonFields().with("extras", "latest").with("description", "Most Recent Poster")
                        .with("user_id", last.id()).with("primary_group_id", null));
            }
            items.add(topicListItem(topic, permissions.categoryOf(topic)).with("last_poster_username", last.username())
                    .with("posters", posters));
        }
        boolean canCreate = from.stream().anyMatch(c -> permissions.canCreateTopicIn(viewer, c) && !c.topicsByFeatureOnly);
        JsonFields list = new JsonFields().with("can_create_topic", canCreate).with("draft", null)
                .with("draft_key", "new_topic").with("draft_sequence", 0).with("per_page", PER_PAGE)
                .with("top_tags", List.of()).with("topics", items);
        if (more) {
            list.put("more_topics_url", moreUrl + (moreUrl.contains("?") ? "&" : "?") + "page=" + (page + 1));
        }
        return new JsonFields().with("users", users.values().stream().map(Person::json).toList())
                .with("primary_groups", List.of()).with("topic_list", list);
    }

    JsonFields topicListItem(Topic topic, Category category) {
        return new JsonFields().with("id", topic.id).with("title", topic.title()).with("fancy_title", fancy(topic.title()))
                .with("slug", Slugs.of(topic.title())).with("posts_count", topic.postsCount)
                .with("reply_count", Math.max(0, topic.postsCount - 1)).with("highest_post_number", topic.postsCount)
                .with("image_url", null).with("created_at", topic.createdAt).with("last_posted_at", topic.lastActivityAt)
                .with("bumped", true).with("bumped_at", topic.lastActivityAt).with("archetype", "regular")
                .with("unseen", false).with("pinned", topic.pinned).with("unpinned", null).with("visible", true)
                .with("closed", topic.isClosed()).with("archived", false).with("bookmarked", false).with("liked", false)
                .with("views", 0).with("like_count", 0).with("has_summary", false).with("category_id", category.id)
                .with("pinned_globally", false).with("featured_link", null).with("tags", List.of());
    }

    private Map<Long, Person> lastPosters(List<Topic> topics) {
        Map<Long, Person> last = new HashMap<>();
        if (topics.isEmpty()) {
            return last;
        }
        for (Object[] row : entityManager.createQuery("""
                select p.topic.id, a.id, a.username, a.displayName from Post p join p.author a
                where p.topic.id in ?1 and p.postNumber = (select max(q.postNumber) from Post q where q.topic = p.topic)""",
                Object[].class).setParameter(1, topics.stream().map(t -> t.id).toList()).getResultList()) {
            last.put((Long) row[0], new Person((Long) row[1], (String) row[2], (String) row[3]));
        }
        return last;
    }

    // ------------------------------------------------------------------ topics and posts

    /** {@code /t/{id}.json}: the first {@link #CHUNK_SIZE} posts, and every post id in {@code stream}. */
    public JsonFields topic(Viewer viewer, long topicId, boolean includeRaw) {
        TopicView view = queries.topic(viewer, topicId);
        Topic topic = Topic.findById(topicId);
        Map<Long, Person> authors = authors(topicId);
        List<PostView> posts = view.posts();
        String slug = Slugs.of(view.title());
        List<JsonFields> chunk = posts.stream().limit(CHUNK_SIZE)
                .map(p -> post(viewer, view, p, authors.get(p.id()), slug, includeRaw)).toList();
        Person opener = new Person(topic.opener.id, topic.opener.username, topic.opener.displayName);
        Map<Long, long[]> perAuthor = new LinkedHashMap<>();
        posts.forEach(p -> perAuthor.computeIfAbsent(authors.get(p.id()).id(), id -> new long[1])[0]++);
        List<JsonFields> participants = perAuthor.entrySet().stream().map(e -> {
            Person person = authors.values().stream().filter(a -> a.id() == e.getKey()).findFirst().orElseThrow();
            return person.json().with("post_count", e.getValue()[0]).with("primary_group_name", null)
                    .with("flair_name", null).with("flair_url", null).with("flair_color", null).with("flair_bg_color", null);
        }).toList();
        Person last = posts.isEmpty() ? opener : authors.get(posts.get(posts.size() - 1).id());
        JsonFields details = new JsonFields().with("can_edit", false).with("notification_level", 1)
                .with("can_move_posts", false).with("can_delete", false).with("can_remove_allowed_users", false)
                .with("can_create_post", view.canReply()).with("can_reply_as_new_topic", false)
                .with("can_flag_topic", false).with("can_convert_topic", false).with("can_review_topic", false)
                .with("can_close_topic", view.canCloseOrPin()).with("can_archive_topic", false)
                .with("can_split_merge_topic", false).with("can_edit_staff_notes", false)
                .with("can_toggle_topic_visibility", false).with("can_pin_unpin_topic", view.canCloseOrPin())
                .with("can_moderate_category", view.canModerate()).with("can_remove_self_id", viewer.accountId())
                .with("participants", participants).with("created_by", opener.json()).with("last_poster", last.json());
        return new JsonFields()
                .with("post_stream", new JsonFields().with("posts", chunk).with("stream", posts.stream().map(PostView::id).toList()))
                .with("timeline_lookup", List.of()).with("suggested_topics", List.of()).with("tags", List.of())
                .with("tags_descriptions", Map.of()).with("id", view.id()).with("title", view.title())
                .with("fancy_title", fancy(view.title())).with("posts_count", posts.size())
                .with("created_at", topic.createdAt).with("views", 0).with("reply_count", Math.max(0, posts.size() - 1))
                .with("like_count", 0).with("last_posted_at", topic.lastActivityAt).with("visible", true)
                .with("closed", view.isClosed()).with("archived", false).with("has_summary", false)
                .with("archetype", "regular").with("slug", slug).with("category_id", view.category().id)
                .with("word_count", null).with("deleted_at", null).with("user_id", opener.id())
                .with("featured_link", null).with("pinned_globally", false).with("pinned_at", null)
                .with("pinned_until", null).with("image_url", null).with("slow_mode_seconds", 0).with("draft", null)
                .with("draft_key", "topic_" + view.id()).with("draft_sequence", 0).with("unpinned", null)
                .with("pinned", view.pinned()).with("current_post_number", 1)
                .with("highest_post_number", posts.isEmpty() ? 0 : posts.get(posts.size() - 1).number())
                .with("deleted_by", null).with("has_deleted", false).with("actions_summary", List.of())
                .with("chunk_size", CHUNK_SIZE).with("bookmarked", false).with("bookmarks", List.of())
                .with("topic_timer", null).with("message_bus_last_id", 0).with("participant_count", participants.size())
                .with("show_read_indicator", false).with("thumbnails", null).with("slow_mode_enabled_until", null)
                .with("details", details);
    }

    /** Posts of one topic by id ({@code /t/{id}/posts.json?post_ids[]=}), in thread order. */
    public JsonFields postsOf(Viewer viewer, long topicId, List<Long> postIds, boolean includeRaw) {
        TopicView view = queries.topic(viewer, topicId);
        Map<Long, Person> authors = authors(topicId);
        String slug = Slugs.of(view.title());
        List<JsonFields> posts = view.posts().stream().filter(p -> postIds.isEmpty() || postIds.contains(p.id()))
                .map(p -> post(viewer, view, p, authors.get(p.id()), slug, includeRaw)).toList();
        return new JsonFields().with("post_stream", JsonFields.of("posts", posts)).with("id", topicId);
    }

    /** One post as {@code /posts/{id}.json} gives it (with {@code raw}); 404 when the viewer may not read it. */
    public JsonFields post(Viewer viewer, long postId) {
        Long topicId = entityManager.createQuery("select p.topic.id from Post p where p.id = ?1", Long.class)
                .setParameter(1, postId).getResultStream().findFirst().orElseThrow(ApiException::notFound);
        TopicView view = queries.topic(viewer, topicId);
        PostView post = view.posts().stream().filter(p -> p.id() == postId).findFirst().orElseThrow(ApiException::notFound);
        return post(viewer, view, post, authors(topicId).get(postId), Slugs.of(view.title()), true)
                .with("posts_count", view.posts().size());
    }

    private JsonFields post(Viewer viewer, TopicView topic, PostView post, Person author, String slug, boolean includeRaw) {
        OffsetDateTime updated = post.editedAt() != null ? post.editedAt() : post.createdAt();
        JsonFields json = new JsonFields().with("id", post.id()).with("name", post.authorName())
                .with("username", author.username()).with("avatar_template", NO_AVATAR)
                .with("created_at", post.createdAt()).with("cooked", post.contentVisible() ? post.html() : "")
                .with("post_number", post.number()).with("post_type", 1).with("updated_at", updated)
                .with("reply_count", 0).with("reply_to_post_number", null).with("quote_count", 0)
                .with("incoming_link_count", 0).with("reads", 0).with("readers_count", 0).with("score", 0)
                .with("yours", viewer.is(author.id())).with("topic_id", topic.id()).with("topic_slug", slug)
                .with("display_username", post.authorName()).with("primary_group_name", null).with("flair_name", null)
                .with("flair_url", null).with("flair_bg_color", null).with("flair_color", null)
                .with("flair_group_id", null).with("version", post.editedAt() == null ? 1 : 2)
                .with("can_edit", post.editable()).with("can_delete", false).with("can_recover", false)
                .with("can_see_hidden_post", post.hidden() && post.contentVisible()).with("can_wiki", false)
                .with("link_counts", List.of()).with("read", true).with("user_title", null).with("bookmarked", false)
                .with("actions_summary", List.of()).with("moderator", false).with("admin", false).with("staff", false)
                .with("user_id", author.id()).with("hidden", post.hidden()).with("trust_level", 1)
                .with("deleted_at", null).with("user_deleted", false).with("edit_reason", null)
                .with("can_view_edit_history", post.editedAt() != null).with("wiki", false).with("reviewable_id", 0)
                .with("reviewable_score_count", 0).with("reviewable_score_pending_count", 0)
                .with("post_url", "/t/" + slug + "/" + topic.id() + "/" + post.number()).with("mentioned_users", List.of());
        if (includeRaw) {
            json.put("raw", post.contentVisible() ? post.body() : "");
        }
        return json;
    }

    private Map<Long, Person> authors(long topicId) {
        Map<Long, Person> authors = new HashMap<>();
        for (Object[] row : entityManager.createQuery(
                "select p.id, a.id, a.username, a.displayName from Post p join p.author a where p.topic.id = ?1",
                Object[].class).setParameter(1, topicId).getResultList()) {
            authors.put((Long) row[0], new Person((Long) row[1], (String) row[2], (String) row[3]));
        }
        return authors;
    }

    /** Discourse's fancy_title (and a search's blurb): plain text as HTML text, for clients that show it as HTML. */
    public static String fancy(String title) {
        return title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
