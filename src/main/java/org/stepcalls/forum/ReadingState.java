package org.stepcalls.forum;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.stepcalls.platform.security.Viewer;

/**
 * Per person and topic, the last post read (one row in {@code topic_users}). Each change is one
 * upsert on the request's own connection — inside the request's transaction when there is one,
 * else on its own — so reading a page never takes a second connection from the pool.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ReadingState {

    private final EntityManager entityManager;

    ReadingState(EntityManager entityManager) {
        this.entityManager = entityManager;
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
     * A topic page or API read: records the topic read up to {@code lastPostNumber} (never moving
     * back) and answers what the page needs, all in one statement — the reply box's draft too, when
     * {@code draftKey} names one (a statement of its own cost the topic page a tenth of its rate).
     */
    private Visit visit(Viewer viewer, long topicId, long categoryId, int lastPostNumber, String draftKey) {
        return session().doReturningWork(connection -> {
            // A page view that reads nothing new writes nothing (no row version, no lock, no commit to
            // flush). One that does is committed asynchronously when it is a statement of its own:
            // a crash may forget the last fraction of a second of reading positions, and in exchange a
            // page view never waits for the WAL to reach the disk (half the topic page's rate, measured).
            // Inside a request's transaction the setting would cover its other writes too, so there
            // it is left alone.
            boolean ownStatement = connection.getAutoCommit();
            // the CTE reads the row as it was before the upsert
            try (PreparedStatement upsert = connection.prepareStatement("""
                    WITH before AS (SELECT last_read_post_number, level FROM topic_users WHERE account_id = ? AND topic_id = ?),
                    saved AS (INSERT INTO topic_users (account_id, topic_id, last_read_post_number)
                        SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM before WHERE last_read_post_number >= ?)
                        ON CONFLICT (account_id, topic_id) DO UPDATE SET last_read_post_number =
                            GREATEST(COALESCE(topic_users.last_read_post_number, 0), EXCLUDED.last_read_post_number))
                    SELECT COALESCE((SELECT last_read_post_number FROM before), 0),
                           COALESCE((SELECT level FROM before),
                                    (SELECT level FROM category_users WHERE account_id = ? AND category_id = ?)),
                           CASE WHEN ? THEN set_config('synchronous_commit', 'off', true) END,
                           (SELECT body FROM drafts WHERE account_id = ? AND draft_key = ?)""")) {
                upsert.setLong(1, viewer.accountId());
                upsert.setLong(2, topicId);
                upsert.setLong(3, viewer.accountId());
                upsert.setLong(4, topicId);
                upsert.setInt(5, lastPostNumber);
                upsert.setInt(6, lastPostNumber);
                upsert.setLong(7, viewer.accountId());
                upsert.setLong(8, categoryId);
                upsert.setBoolean(9, ownStatement);
                upsert.setLong(10, viewer.accountId());
                upsert.setString(11, draftKey); // null: no draft asked for, none found
                try (ResultSet row = upsert.executeQuery()) {
                    row.next();
                    String draft = row.getString(4);
                    return new Visit(row.getInt(1), NotificationLevel.ofStored(row.getString(2)), draft == null ? "" : draft);
                }
            }
        });
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

    /** The viewer has read the topic up to {@code postNumber} (their own new post); never moves back. */
    public void readUpTo(Viewer viewer, long topicId, int postNumber) {
        session().doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO topic_users (account_id, topic_id, last_read_post_number) VALUES (?, ?, ?)
                    ON CONFLICT (account_id, topic_id) DO UPDATE SET last_read_post_number =
                        GREATEST(COALESCE(topic_users.last_read_post_number, 0), EXCLUDED.last_read_post_number)""")) {
                upsert.setLong(1, viewer.accountId());
                upsert.setLong(2, topicId);
                upsert.setInt(3, postNumber);
                upsert.executeUpdate();
            }
        });
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
