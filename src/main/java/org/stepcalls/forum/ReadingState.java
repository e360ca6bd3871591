package org.stepcalls.forum;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.stepcalls.platform.security.Viewer;

/**
 * Per person and topic, the last post read (one row in {@code topic_users}). A change is one upsert
 * on the request's own connection — inside the request's transaction when there is one, else on its
 * own — so a page never takes a second connection from the pool; only a topic view's position waits
 * a moment to be written with the others ({@link UnsavedReadingPositions}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ReadingState {

    private final EntityManager entityManager;
    private final UnsavedReadingPositions unsaved;

    ReadingState(EntityManager entityManager, UnsavedReadingPositions unsaved) {
        this.entityManager = entityManager;
        this.unsaved = unsaved;
    }

    /**
     * Where the viewer had read up to before this visit (0: never opened), their level for the topic, and
     * the draft in its reply box ("" if none, or not asked for).
     */
    public record Visit(int lastReadBefore, NotificationLevel level, String replyDraft) {

        /** The anchor a topic opens at: the first post after the last one read, or none. */
        public int firstUnread(int postsCount) {
            return lastReadBefore > 0 && lastReadBefore < postsCount ? lastReadBefore + 1 : 0;
        }
    }

    /**
     * A topic page or API read: moves the reader's position to {@code lastPostNumber} (never back;
     * written with the moment's other views, {@link UnsavedReadingPositions}) and answers what the page
     * needs in one statement — the reply box's draft too, when {@code draftKey} names one (a statement
     * of its own was one more round trip and transaction per page).
     */
    private Visit visit(Viewer viewer, long topicId, long categoryId, int lastPostNumber, String draftKey) {
        Visit stored = session().doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT tu.last_read_post_number,
                           COALESCE(tu.level, (SELECT level FROM category_users WHERE account_id = ? AND category_id = ?)),
                           (SELECT body FROM drafts WHERE account_id = ? AND draft_key = ?)
                    FROM (SELECT 1) AS one LEFT JOIN topic_users tu ON tu.account_id = ? AND tu.topic_id = ?""")) {
                select.setLong(1, viewer.accountId());
                select.setLong(2, categoryId);
                select.setLong(3, viewer.accountId());
                select.setString(4, draftKey); // null: no draft asked for, none found
                select.setLong(5, viewer.accountId());
                select.setLong(6, topicId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    String draft = row.getString(3);
                    return new Visit(row.getInt(1), NotificationLevel.ofStored(row.getString(2)), draft == null ? "" : draft);
                }
            }
        });
        int lastReadBefore = Math.max(stored.lastReadBefore(), unsaved.of(viewer.accountId(), topicId));
        if (lastPostNumber > lastReadBefore && !viewer.viaApiKey()) { // a script's reading is not its person's (Discourse: timings come from browsers)
            unsaved.remember(viewer.accountId(), topicId, lastPostNumber);
        }
        return new Visit(lastReadBefore, stored.level(), stored.replyDraft());
    }

    /** Writes the reader's positions not yet written, on the request's connection, before a list reads them. */
    void saveUnsaved(Viewer viewer, java.sql.Connection connection) throws java.sql.SQLException {
        if (viewer.isSignedIn()) {
            unsaved.saveFor(viewer.accountId(), connection);
        }
    }

    /** The viewer reads a topic they may read through the API. */
    public Visit visit(Viewer viewer, ForumQueries.TopicView topic) {
        return visit(viewer, topic.id(), topic.category().id, lastPostNumber(topic), null);
    }

    /** The viewer opens a topic's page: where they were, and their draft if they may reply. */
    public Visit visitWithReplyDraft(Viewer viewer, ForumQueries.TopicView topic) {
        return visit(viewer, topic.id(), topic.category().id, lastPostNumber(topic),
                topic.canReply() ? Drafts.replyKey(topic.id()) : null);
    }

    private static int lastPostNumber(ForumQueries.TopicView topic) {
        return topic.posts().isEmpty() ? 0 : topic.posts().get(topic.posts().size() - 1).number();
    }

    /** How far the viewer had read the topic (0: never opened), without moving it: where a long topic opens. */
    public int lastRead(Viewer viewer, long topicId) {
        if (!viewer.isSignedIn()) {
            return 0;
        }
        int stored = session().doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT last_read_post_number FROM topic_users WHERE account_id = ? AND topic_id = ?")) {
                select.setLong(1, viewer.accountId());
                select.setLong(2, topicId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getInt(1) : 0;
                }
            }
        });
        return Math.max(stored, unsaved.of(viewer.accountId(), topicId));
    }

    /** The viewer has read the topic up to {@code postNumber} (their own new post); never moves back. */
    public void readUpTo(Viewer viewer, long topicId, int postNumber) {
        // the same statement as a topic read: its notifications up to here are read too
        session().doWork(connection -> unsaved.saveNow(viewer.accountId(), topicId, postNumber, connection));
    }

    /**
     * "Mark all read" for a category: every topic there that shows as new or unread is read to its
     * last post; topics already read to the end, and those from before the person joined, are left.
     */
    public int markCategoryRead(Viewer viewer, Category category) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO topic_users (account_id, topic_id, last_read_post_number)
                    SELECT ?, t.id, t.posts_count FROM topics t
                    LEFT JOIN topic_users tu ON tu.account_id = ? AND tu.topic_id = t.id
                    WHERE t.category_id = ? AND (tu.last_read_post_number < t.posts_count OR (tu.last_read_post_number IS NULL
                        AND t.created_at >= (SELECT created_at FROM accounts WHERE id = ?)))
                    ON CONFLICT (account_id, topic_id) DO UPDATE SET last_read_post_number = EXCLUDED.last_read_post_number""")) {
                upsert.setLong(1, viewer.accountId());
                upsert.setLong(2, viewer.accountId());
                upsert.setLong(3, category.id);
                upsert.setLong(4, viewer.accountId());
                return upsert.executeUpdate();
            }
        });
    }

    private Session session() {
        return entityManager.unwrap(Session.class);
    }
}
