package org.stepcalls.forum;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.stepcalls.platform.database.InTurn;

import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;

/** What people read: latest lists, a topic with its posts, search. Each asks {@link Permissions}. */
@ApplicationScoped
public class ForumQueries {

    public static final int PAGE_SIZE = 30;
    /** A topic page's posts, as Discourse's (its pages without JavaScript, and each chunk its app loads). */
    public static final int POSTS_PER_PAGE = 20;
    public static final int MAX_QUERY = 200;
    public static final int SEARCH_LIMIT = 50;
    /**
     * How many of the newest matches are ranked: a common word's older matches are left unranked (among
     * posts that hold a common word once or twice, the newest are as good as any).
     */
    public static final int SEARCH_CANDIDATES = 200;
    /** How much of a body is read for its excerpt: SearchExcerpt's share, and one more to tell it whether it was cut. */
    public static final int EXCERPT_SOURCE_CHARS = SearchExcerpt.SOURCE_CHARS + 1;

    /**
     * The search: ?1 the words, ?2 the readable category ids, ?3 how many results, ?4 how many candidates,
     * ?5 how much of a body the excerpt is cut from.
     *
     * <p>GIN gives matches in no order, so the newest SEARCH_CANDIDATES matches come from
     * post_search_newest (V25): block by block back from the newest post, using V22's recency lexemes,
     * each block asked only for the matches still wanted, doubled while blocks hold few, started small
     * again below one that holds more — so a common word costs a few hundred rows wherever its newest
     * matches are, even behind 40,000 newer posts about something else; a word rare so far is read
     * from its short posting list at once. The readable categories and the hidden posts (absent from
     * post_search) are filtered there, on the narrow table, never joined.
     *
     * <p>Only the candidates are ranked (a title hit above any body hit), each fetched by primary key, and
     * only the SEARCH_LIMIT best are read, with a bounded prefix of the body and the query's stems, for
     * {@link SearchExcerpt} to cut the excerpt from (ts_headline did it here, at 0.45 ms of the database's
     * CPU per long post). The plan is the same whatever the words (the function's statements too), so the
     * generic plan that PostgreSQL switches to after five executions of the JDBC driver's prepared
     * statement is as fast as a custom one. The words are parsed once ("words"): written inline,
     * websearch_to_tsquery ran again for every candidate ranked. A query of stop words only matches nothing
     * (numnode 0), as before.
     */
    public static final String SEARCH_SQL = """
            WITH words AS (SELECT websearch_to_tsquery('english', ?1) AS q)
            SELECT t.id, p.id, t.title, left(p.body, ?5), (SELECT q FROM words)::text
            FROM (SELECT c.post_id, greatest(ts_rank(c.body_vector, (SELECT q FROM words)),
                         CASE WHEN c.title_vector @@ (SELECT q FROM words)
                              THEN 1 + ts_rank(c.title_vector, (SELECT q FROM words)) ELSE 0 END) AS rank
                  FROM post_search c
                  WHERE c.post_id = ANY (post_search_newest((SELECT q FROM words), ?2, ?4))
                  ORDER BY rank DESC, c.post_id DESC LIMIT ?3) best
            JOIN posts p ON p.id = best.post_id JOIN topics t ON t.id = p.topic_id
            ORDER BY best.rank DESC, p.id DESC""";

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

    /**
     * {@code likes}: how many liked it; {@code liked}: whether the viewer did; {@code likeOffered}: whether
     * the viewer may like (and so flag) it — someone else's visible plain post on a conversation board.
     */
    public record PostView(long id, int number, String kind, String authorName, String body, String html,
            OffsetDateTime createdAt, OffsetDateTime editedAt, boolean hidden, boolean contentVisible,
            String hiddenReason, boolean editable, boolean moderatable, String authorUsername, boolean deleted,
            boolean deletable, long likes, boolean liked, boolean likeOffered) {
    }

    /**
     * {@code posts}: all of them, or one page's ({@link #topicPage}); {@code postsCount}: the topic's, whichever.
     * {@code canCloseOrPin}: moderation of the topic's state, which a feature closing its own topics keeps (R15).
     */
    public record TopicView(long id, String title, Category category, String status, boolean pinned, String openerName,
            List<PostView> posts, int postsCount, boolean canReply, boolean canModerate, boolean canCloseOrPin) {

        public boolean isClosed() {
            return Topic.CLOSED.equals(status);
        }
    }

    public record SearchResult(long topicId, long postId, String title, String excerpt) {
    }

    private final Permissions permissions;
    private final Likes likes;
    private final EntityManager entityManager;
    private final ReadingState readingState;
    private final InTurn searches;

    ForumQueries(Permissions permissions, Likes likes, EntityManager entityManager, ReadingState readingState,
            @ConfigProperty(name = "stepcalls.search.at-once") int searchesAtOnce,
            @ConfigProperty(name = "stepcalls.search.max-waiting") int searchesWaiting,
            @ConfigProperty(name = "stepcalls.search.wait-at-most") Duration searchWait) {
        this.searches = new InTurn("Search", searchesAtOnce, searchesWaiting, searchWait);
        this.permissions = permissions;
        this.likes = likes;
        this.entityManager = entityManager;
        this.readingState = readingState;
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

    /**
     * A topic with its posts and their likes as this viewer sees them, in one plain statement (the
     * topic page is the forum's most read page: loading the topic and posts as entities was a fifth
     * of its CPU, and the likes a statement of their own). Nothing is shown before {@link Permissions}
     * has said the viewer may read the topic's category; each post's rights are the same rules, asked
     * with the row's ids. The rows are read whole first: the category may have to be loaded, and a
     * second statement on the session's connection would close the result set being read.
     */
    public TopicView topic(Viewer viewer, long topicId) {
        return topic(viewer, topicId, 1, Integer.MAX_VALUE);
    }

    /**
     * One page of a topic's posts, {@link #POSTS_PER_PAGE} to a page as Discourse's pages without
     * JavaScript: a topic of a thousand posts costs its reader what one of twenty does. Posts are
     * numbered 1, 2, 3… with no gap (none is ever removed from a topic), so page {@code n} is a range
     * of numbers read straight from the topic's unique index. A page past the end has no posts.
     */
    public TopicView topicPage(Viewer viewer, long topicId, int page) {
        int first = (page - 1) * POSTS_PER_PAGE + 1;
        return topic(viewer, topicId, first, first + POSTS_PER_PAGE - 1);
    }

    /** The topic's last page, where a reply lands (and a form whose page has gone shows the box again). */
    public TopicView topicLastPage(Viewer viewer, long topicId) {
        TopicView first = topicPage(viewer, topicId, 1);
        int last = pageOf(Math.max(first.postsCount(), 1));
        return last == 1 ? first : topicPage(viewer, topicId, last);
    }

    /** The page a post is on, as {@link #topicPage} counts. */
    public static int pageOf(int postNumber) {
        return (postNumber - 1) / POSTS_PER_PAGE + 1;
    }

    /**
     * Where a post is read: a feature's topic on its own page (a call's page shows every record), else
     * the topic's page that holds it, at the post. The page is named even when it is the first: a
     * topic's address without one opens a returning reader at their first unread post instead.
     */
    public String pathTo(Post post) {
        String featurePage = permissions.categoryOf(post.topic).topicPage;
        if (featurePage != null) {
            return featurePage + post.topic.id + "#post-" + post.id;
        }
        return "/t/" + post.topic.id + "?page=" + pageOf(post.postNumber) + "#post-" + post.id;
    }

    private TopicView topic(Viewer viewer, long topicId, int firstNumber, int lastNumber) {
        List<PostRow> rows = entityManager.unwrap(org.hibernate.Session.class).doReturningWork(connection -> {
            try (java.sql.PreparedStatement select = connection.prepareStatement(TOPIC_SELECT)) {
                select.setObject(1, viewer.accountId(), java.sql.Types.BIGINT); // null: nobody signed in, likes nothing
                select.setInt(2, firstNumber);
                select.setInt(3, lastNumber);
                select.setLong(4, topicId);
                List<PostRow> read = new java.util.ArrayList<>();
                try (java.sql.ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        read.add(PostRow.of(row));
                    }
                }
                return read;
            }
        });
        Category category = rows.isEmpty() ? null : permissions.category(rows.get(0).categoryId());
        if (category == null || !permissions.canRead(viewer, category)) {
            throw ApiException.notFound();
        }
        PostRow first = rows.get(0);
        boolean closed = Topic.CLOSED.equals(first.status());
        boolean moderator = permissions.canModerate(viewer, category);
        List<PostView> posts = rows.stream().filter(row -> row.postId() != null)
                .map(row -> postView(viewer, category, closed, moderator, row)).toList();
        return new TopicView(topicId, first.title(), category, first.status(), first.pinned(), first.openerName(), posts,
                first.postsCount(), permissions.canPostIn(viewer, category) && !closed, moderator, permissions.canCloseOrPin(viewer, category));
    }

    /** Public for the load benchmark, which prints its plan. */
    public static final String TOPIC_SELECT = """
            SELECT t.category_id, t.title, t.status, t.pinned, op.display_name, t.posts_count,
                   p.id, p.post_number, p.kind, p.author_id, a.display_name, a.username, p.body, p.html,
                   p.created_at, p.edited_at, p.hidden, p.hidden_reason, p.deleted_at IS NOT NULL,
                   (SELECT count(*) FROM post_likes l WHERE l.post_id = p.id),
                   EXISTS (SELECT 1 FROM post_likes l WHERE l.post_id = p.id AND l.account_id = ?)
            FROM topics t JOIN accounts op ON op.id = t.opener_id
            LEFT JOIN posts p ON p.topic_id = t.id AND p.post_number BETWEEN ? AND ? LEFT JOIN accounts a ON a.id = p.author_id
            WHERE t.id = ?
            ORDER BY p.post_number""";

    /** One row of {@link #TOPIC_SELECT}: the topic's columns repeat on each post; a topic without posts has a null post id. */
    private record PostRow(long categoryId, String title, String status, boolean pinned, String openerName, int postsCount,
            Long postId, int number, String kind, long authorId, String authorName, String authorUsername, String body, String html,
            OffsetDateTime createdAt, OffsetDateTime editedAt, boolean hidden, String hiddenReason, boolean deleted,
            long likes, boolean liked) {

        static PostRow of(java.sql.ResultSet row) throws java.sql.SQLException {
            return new PostRow(row.getLong(1), row.getString(2), row.getString(3), row.getBoolean(4), row.getString(5),
                    row.getInt(6), row.getObject(7, Long.class), row.getInt(8), row.getString(9), row.getLong(10),
                    row.getString(11), row.getString(12), row.getString(13), row.getString(14),
                    row.getObject(15, OffsetDateTime.class), row.getObject(16, OffsetDateTime.class), row.getBoolean(17),
                    row.getString(18), row.getBoolean(19), row.getLong(20), row.getBoolean(21));
        }
    }

    private PostView postView(Viewer viewer, Category category, boolean topicClosed, boolean moderator, PostRow row) {
        boolean record = Post.isRecord(row.kind());
        boolean visible = !row.hidden() || permissions.canSeeHiddenContent(viewer, category, row.authorId());
        boolean mayEdit = permissions.canEdit(viewer, category, row.authorId());
        return new PostView(row.postId(), row.number(), row.kind(), row.authorName(), visible ? row.body() : "",
                visible ? row.html() : "", row.createdAt(), row.editedAt(), row.hidden(), visible,
                visible ? row.hiddenReason() : null, mayEdit && !topicClosed && !record && !row.deleted(),
                moderator && !record && !row.deleted(), row.authorUsername(), row.deleted(),
                PostDeletion.allowed(mayEdit, row.kind(), row.deleted(), row.number()), row.likes(), row.liked(),
                likes.offered(viewer, category, row.authorId(), row.kind(), row.hidden()));
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

    /**
     * A post's earlier versions; {@code body} is null for one kept from view ({@link PostRevision#keptFromView})
     * when the viewer may not see hidden posts — its place stays, so the numbering shows that it exists.
     */
    public record RevisionView(int number, String body, OffsetDateTime replacedAt, String editorName, boolean keptFromView) {
    }

    public List<RevisionView> revisions(Viewer viewer, long postId) {
        Post post = Post.findById(postId);
        if (post == null || !permissions.canRead(viewer, post.topic)) {
            throw ApiException.notFound();
        }
        boolean seesHidden = permissions.canSeeHiddenContent(viewer, post);
        if (post.hidden && !seesHidden) {
            throw ApiException.notFound();
        }
        return PostRevision.<PostRevision>list("post = ?1 order by number", post).stream()
                .map(r -> new RevisionView(r.number, r.keptFromView && !seesHidden ? null : r.body, r.replacedAt,
                        r.editor.displayName, r.keptFromView))
                .toList();
    }

    /** Full-text search over titles and bodies, limited to what the viewer may read; hidden posts never match. */
    public List<SearchResult> search(Viewer viewer, String rawQuery) {
        String q = rawQuery == null ? "" : rawQuery.strip();
        if (q.isEmpty()) {
            throw ApiException.invalidField("q", "Type a word or two to search for.");
        }
        if (q.length() > MAX_QUERY) {
            throw ApiException.invalidField("q", "Search for at most " + MAX_QUERY + " characters.");
        }
        Long[] categoryIds = permissions.readableCategories(viewer).stream().map(c -> c.id).toArray(Long[]::new);
        if (categoryIds.length == 0) {
            return List.of();
        }
        Object[] values = { q, categoryIds, SEARCH_LIMIT, SEARCH_CANDIDATES, EXCERPT_SOURCE_CHARS }; // ?1 … ?5
        return searches.run(() -> entityManager.unwrap(org.hibernate.Session.class).doReturningWork(connection -> {
            try (java.sql.PreparedStatement select = connection.prepareStatement(SEARCH_JDBC)) {
                for (int i = 0; i < SEARCH_PARAMETERS.length; i++) {
                    select.setObject(i + 1, values[SEARCH_PARAMETERS[i] - 1]);
                }
                List<SearchResult> results = new java.util.ArrayList<>();
                List<String> stems = null;
                try (java.sql.ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        if (stems == null) {
                            stems = SearchExcerpt.stems(row.getString(5));
                        }
                        results.add(new SearchResult(row.getLong(1), row.getLong(2), row.getString(3),
                                SearchExcerpt.of(row.getString(4), stems)));
                    }
                }
                return results;
            }
        }));
    }

    /**
     * SEARCH_SQL for plain JDBC, and which of its numbered parameters each {@code ?} is. Plain JDBC, as
     * for the lists: a native query through Hibernate parsed the text and read the result's metadata
     * again on every search.
     */
    private static final String SEARCH_JDBC = SEARCH_SQL.replaceAll("\\?\\d", "?");
    private static final int[] SEARCH_PARAMETERS = java.util.regex.Pattern.compile("\\?(\\d)").matcher(SEARCH_SQL).results()
            .mapToInt(match -> Integer.parseInt(match.group(1))).toArray();

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
            readingState.saveUnsaved(viewer, connection); // the topics they just read show as read
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
