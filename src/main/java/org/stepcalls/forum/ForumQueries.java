package org.stepcalls.forum;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;

/** What people read: latest lists, a topic with its posts, search. Each asks {@link Permissions}. */
@ApplicationScoped
public class ForumQueries {

    public static final int PAGE_SIZE = 30;
    public static final int MAX_QUERY = 200;
    public static final int SEARCH_LIMIT = 50;
    /**
     * How many of the newest matches are ranked: a common word's older matches are left unranked (among
     * posts that hold a common word once or twice, the newest are as good as any).
     */
    public static final int SEARCH_CANDIDATES = 200;
    /** The recency levels of V22's lexemes: a window of level s holds the newest 2^s to 2^(s+1) posts. */
    private static final int FIRST_WINDOW_LEVEL = 10;
    private static final int LAST_WINDOW_LEVEL = 19;
    /** The excerpt is cut from this much of the body: ts_headline parses all the text it is given. */
    public static final int EXCERPT_SOURCE_CHARS = 4000;

    /**
     * The search: ?1 the words, ?2 the readable category ids, ?3 how many results, ?4 how many candidates,
     * ?5 how much of a body the excerpt is cut from.
     *
     * <p>GIN gives matches in no order, so the newest SEARCH_CANDIDATES matches are found in windows,
     * newest first: each window ANDs the words with the recency lexemes of the newest 2^s–2^(s+1) posts
     * (V22), so one GIN scan whose fast scan skips the word's older postings costs what the window holds.
     * The windows are UNION ALL branches under one LIMIT: a branch runs only while the newer ones held
     * too few (a common word stops in the first, 1–2k posts; a rare or absent one asks all eleven, each
     * a few index pages). A window does not depend on the newest posts containing the word: when they
     * do not, the next window, twice as wide, is asked. The last branch is everything older.
     *
     * <p>Only the candidates are ranked (a title hit above any body hit), and only the SEARCH_LIMIT best
     * get an excerpt, from a bounded prefix of the body. The readable categories and the hidden posts
     * (absent from post_search) are filtered on the narrow table, never joined. "post_id + 0": never the
     * primary key walked newest first, which stops only after SEARCH_CANDIDATES matches (thousands of
     * rows for an uncommon word). The plan is the same whatever the words (the one usable index is the
     * GIN; the windows come from max(post_id) in init plans), so the generic plan that PostgreSQL
     * switches to after five executions of the JDBC driver's prepared statement is as fast as a custom
     * one. The words are parsed once ("words"): written inline, websearch_to_tsquery ran again for every
     * row a bitmap scan rechecked and every candidate ranked. A query of stop words only matches nothing
     * (numnode 0), as before, instead of every window.
     */
    public static final String SEARCH_SQL = """
            WITH words AS (SELECT websearch_to_tsquery('english', ?1) AS q)
            SELECT t.id, p.id, t.title,
                   ts_headline('english', left(p.body, ?5), (SELECT q FROM words),
                               'MaxWords=30, MinWords=12, StartSel="", StopSel=""')
            FROM (SELECT c.post_id, greatest(ts_rank(c.body_vector, (SELECT q FROM words)),
                         CASE WHEN c.title_vector @@ (SELECT q FROM words)
                              THEN 1 + ts_rank(c.title_vector, (SELECT q FROM words)) ELSE 0 END) AS rank
                  FROM (%s
                        LIMIT ?4) c
                  WHERE numnode((SELECT q FROM words)) > 0
                  ORDER BY rank DESC, c.post_id DESC LIMIT ?3) best
            JOIN posts p ON p.id = best.post_id JOIN topics t ON t.id = p.topic_id
            ORDER BY best.rank DESC, p.id DESC""".formatted(searchWindows());

    /**
     * One branch per window, newest first; each leaves out what the newer windows held ("+ 0": a filter
     * on the rows found, not a bitmap of the primary key's million entries). The window is a second
     * condition on the same vector, not ANDed into the words' tsquery: two GIN keys are intersected by
     * skipping through both posting lists, where one key would step through every post of the window.
     * The window comes first: GIN advances its keys in that order, so the words' key starts at the
     * window instead of at the oldest post (words that never occur together, e.g. "meeting kettle",
     * were otherwise stepped through from the start in every window: 180–250 ms instead of 47–84).
     */
    private static String searchWindows() {
        List<String> branches = new java.util.ArrayList<>();
        for (int level = FIRST_WINDOW_LEVEL; level <= LAST_WINDOW_LEVEL + 1; level++) {
            String window = level > LAST_WINDOW_LEVEL ? ""
                    : "%%1$s @@ (SELECT post_search_window(%d, max(post_id)) FROM post_search) AND ".formatted(level);
            String older = level == FIRST_WINDOW_LEVEL ? ""
                    : "AND post_id + 0 < (SELECT ((max(post_id) >> %1$d) - 1) << %1$d FROM post_search)".formatted(level - 1);
            branches.add("""
                    (SELECT post_id, body_vector, title_vector FROM post_search
                     WHERE ((%sbody_vector @@ (SELECT q FROM words))
                            OR (%stitle_vector @@ (SELECT q FROM words)))
                       AND category_id = ANY (?2) %s
                     ORDER BY post_id + 0 DESC LIMIT ?4)""".formatted(window.formatted("body_vector"),
                    window.formatted("title_vector"), older));
        }
        return String.join("\nUNION ALL\n", branches);
    }

    /**
     * {@code lastReadPostNumber}, {@code level} and {@code unseen} are the viewer's reading state
     * ({@link ReadingState}, {@link TopicWatching}): null, null and whether it was created since they joined.
     */
    public record TopicSummary(long id, String title, String categorySlug, String categoryName, String authorName,
            String status, boolean pinned, int postsCount, OffsetDateTime lastActivityAt, Integer lastReadPostNumber,
            String level, boolean unseen) {

        public NotificationLevel notificationLevel() {
            return NotificationLevel.ofStored(level);
        }

        /** Never opened, created since the viewer joined, and not muted (Discourse's "new"). */
        public boolean isNew() {
            return unseen && lastReadPostNumber == null && notificationLevel() != NotificationLevel.MUTED;
        }

        /** Posts after the last one read, counted where the viewer tracks or watches the topic. */
        public int unread() {
            return lastReadPostNumber != null && notificationLevel().showsUnreadCounts()
                    ? Math.max(0, postsCount - lastReadPostNumber) : 0;
        }
    }

    public record TopicPage(List<TopicSummary> topics, String next) {
    }

    public record PostView(long id, int number, String kind, String authorName, String body, String html,
            OffsetDateTime createdAt, OffsetDateTime editedAt, boolean hidden, boolean contentVisible,
            String hiddenReason, boolean editable, boolean moderatable, String authorUsername, boolean deleted,
            boolean deletable) {
    }

    /** {@code canCloseOrPin}: moderation of the topic's state, which a feature closing its own topics keeps (R15). */
    public record TopicView(long id, String title, Category category, String status, boolean pinned, String openerName,
            List<PostView> posts, boolean canReply, boolean canModerate, boolean canCloseOrPin) {

        public boolean isClosed() {
            return Topic.CLOSED.equals(status);
        }
    }

    public record SearchResult(long topicId, long postId, String title, String excerpt) {
    }

    private final Permissions permissions;
    private final EntityManager entityManager;

    ForumQueries(Permissions permissions, EntityManager entityManager) {
        this.permissions = permissions;
        this.entityManager = entityManager;
    }

    /** A readable category, or 404 for one that does not exist or that the viewer may not read. */
    public Category readableCategory(Viewer viewer, String slug) {
        Category category = slug == null ? null : Category.findBySlug(slug);
        if (category == null || !permissions.canRead(viewer, category)) {
            throw ApiException.notFound();
        }
        return category;
    }

    /**
     * Newest activity first, from every category the viewer may read (or one of them).
     *
     * @param pinnedApart leave pinned topics out, for pages that show them above the list
     */
    public TopicPage latest(Viewer viewer, Optional<Category> only, String before, boolean pinnedApart) {
        List<Long> categoryIds = only.map(c -> List.of(c.id))
                .orElseGet(() -> permissions.readableCategories(viewer).stream().map(c -> c.id).toList());
        if (categoryIds.isEmpty()) {
            return new TopicPage(List.of(), null);
        }
        TopicCursor cursor = before == null || before.isBlank() ? null : TopicCursor.decode(before);
        String sql = SUMMARY_SELECT + " WHERE t.category_id = any(?)"
                + (cursor != null ? " AND (t.last_activity_at, t.id) < (?, ?)" : "")
                + (pinnedApart ? " AND NOT t.pinned" : "")
                + " ORDER BY t.last_activity_at DESC, t.id DESC LIMIT " + (PAGE_SIZE + 1);
        List<TopicSummary> rows = summaries(sql, viewer, statement -> {
            statement.setArray(2, statement.getConnection().createArrayOf("bigint", categoryIds.toArray()));
            if (cursor != null) {
                statement.setObject(3, cursor.lastActivityAt());
                statement.setLong(4, cursor.id());
            }
        });
        if (rows.size() <= PAGE_SIZE) {
            return new TopicPage(rows, null);
        }
        List<TopicSummary> page = rows.subList(0, PAGE_SIZE);
        TopicSummary last = page.get(PAGE_SIZE - 1);
        return new TopicPage(List.copyOf(page), new TopicCursor(last.lastActivityAt(), last.id()).encode());
    }

    public List<TopicSummary> pinned(Viewer viewer, Category category) {
        if (!permissions.canRead(viewer, category)) {
            return List.of();
        }
        return summaries(SUMMARY_SELECT + " WHERE t.category_id = ? AND t.pinned ORDER BY t.last_activity_at DESC, t.id DESC",
                viewer, statement -> statement.setLong(2, category.id));
    }

    public TopicView topic(Viewer viewer, long topicId) {
        Topic topic = Topic.findById(topicId);
        if (topic == null || !permissions.canRead(viewer, topic)) {
            throw ApiException.notFound();
        }
        Category category = permissions.categoryOf(topic);
        boolean moderator = permissions.canModerate(viewer, category);
        // read-only: a page view never changes them, so Hibernate keeps no snapshot to compare
        List<Post> posts = Post.find("select p from Post p join fetch p.author where p.topic = ?1 order by p.postNumber",
                topic).withHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true).list();
        List<PostView> views = posts.stream().map(post -> view(viewer, post, moderator)).toList();
        return new TopicView(topic.id, topic.title(), category, topic.status, topic.pinned,
                topic.opener.displayName, views, permissions.canReply(viewer, topic) && !topic.isClosed(), moderator,
                permissions.canCloseOrPin(viewer, category));
    }

    /** A post for its edit form: only its author gets it. */
    public Post editablePost(Viewer viewer, long postId) {
        Post post = Post.findById(postId);
        if (post == null || !permissions.canRead(viewer, post.topic)) {
            throw ApiException.notFound();
        }
        ForumService.refuseRecord(post);
        if (!permissions.canEdit(viewer, post)) {
            throw ApiException.forbidden("Only the author of a post can edit it.");
        }
        PostDeletion.refuseDeleted(post);
        return post;
    }

    public List<PostRevision> revisions(Viewer viewer, long postId) {
        Post post = Post.findById(postId);
        if (post == null || !permissions.canRead(viewer, post.topic)
                || (post.hidden && !permissions.canSeeHiddenContent(viewer, post))) {
            throw ApiException.notFound();
        }
        return PostRevision.list("post = ?1 order by number", post);
    }

    /** Full-text search over titles and bodies, limited to what the viewer may read; hidden posts never match. */
    @SuppressWarnings("unchecked")
    public List<SearchResult> search(Viewer viewer, String rawQuery) {
        String q = rawQuery == null ? "" : rawQuery.strip();
        if (q.isEmpty()) {
            throw ApiException.invalidField("q", "Type a word or two to search for.");
        }
        if (q.length() > MAX_QUERY) {
            throw ApiException.invalidField("q", "Search for at most " + MAX_QUERY + " characters.");
        }
        List<Long> categoryIds = permissions.readableCategories(viewer).stream().map(c -> c.id).toList();
        if (categoryIds.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = entityManager.createNativeQuery(SEARCH_SQL)
                .setParameter(1, q).setParameter(2, categoryIds.toArray(Long[]::new)).setParameter(3, SEARCH_LIMIT)
                .setParameter(4, SEARCH_CANDIDATES).setParameter(5, EXCERPT_SOURCE_CHARS)
                .getResultList();
        return rows.stream().map(r -> new SearchResult(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                (String) r[2], (String) r[3])).toList();
    }

    private PostView view(Viewer viewer, Post post, boolean moderator) {
        boolean visible = !post.hidden || permissions.canSeeHiddenContent(viewer, post);
        return new PostView(post.id, post.postNumber, post.kind, post.author.displayName,
                visible ? post.body() : "", visible ? post.html() : "", post.createdAt, post.editedAt, post.hidden,
                visible, visible ? post.hiddenReason() : null,
                permissions.canEdit(viewer, post) && !post.topic.isClosed() && !post.isRecord() && !post.isDeleted(),
                moderator && !post.isRecord() && !post.isDeleted(), post.author.username, post.isDeleted(),
                PostDeletion.allowed(viewer, post, permissions));
    }

    /**
     * A list's rows with the viewer's reading state, in one statement: one primary-key lookup per row
     * in each left join. Plain SQL: Hibernate parsed the same HQL afresh on every page view (a third
     * of the list's CPU in the profile), and a list needs no entities. Parameter 1 is the viewer.
     */
    private static final String SUMMARY_SELECT = """
            SELECT t.id, t.title, c.slug, c.name, a.display_name, t.status, t.pinned, t.posts_count, t.last_activity_at,
                   tu.last_read_post_number, coalesce(tu.level, cu.level), t.created_at >= me.created_at
            FROM topics t JOIN categories c ON c.id = t.category_id JOIN accounts a ON a.id = t.opener_id
            LEFT JOIN accounts me ON me.id = ?
            LEFT JOIN topic_users tu ON tu.account_id = me.id AND tu.topic_id = t.id
            LEFT JOIN category_users cu ON cu.account_id = me.id AND cu.category_id = c.id""";

    private interface Binder {
        void bind(java.sql.PreparedStatement statement) throws java.sql.SQLException;
    }

    private List<TopicSummary> summaries(String sql, Viewer viewer, Binder binder) {
        return entityManager.unwrap(org.hibernate.Session.class).doReturningWork(connection -> {
            try (java.sql.PreparedStatement select = connection.prepareStatement(sql)) {
                select.setObject(1, viewer.accountId(), java.sql.Types.BIGINT); // null: nobody signed in
                binder.bind(select);
                List<TopicSummary> rows = new java.util.ArrayList<>();
                try (java.sql.ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        rows.add(new TopicSummary(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                                row.getString(5), row.getString(6), row.getBoolean(7), row.getInt(8),
                                row.getObject(9, OffsetDateTime.class), (Integer) row.getObject(10), row.getString(11),
                                row.getBoolean(12)));
                    }
                }
                return rows;
            }
        });
    }
}
