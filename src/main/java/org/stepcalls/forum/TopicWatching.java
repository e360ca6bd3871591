package org.stepcalls.forum;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;

/**
 * Notification levels per topic and per category, and who hears of a new post. Notifications are
 * written from ids alone — a call topic's caller never reaches one — and only to people who may
 * read the topic, as {@link Permissions} decides from the roles they held at their last request.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class TopicWatching {

    public static final String REPLY_NOTIFICATION = "reply";

    private final Permissions permissions;
    private final Notifications notifications;
    private final EntityManager entityManager;

    TopicWatching(Permissions permissions, Notifications notifications, EntityManager entityManager) {
        this.permissions = permissions;
        this.notifications = notifications;
        this.entityManager = entityManager;
    }

    /** The viewer's level for a topic: the topic's own, else its category's, else normal. */
    public NotificationLevel levelOf(Viewer viewer, Topic topic) {
        TopicUser own = TopicUser.find("accountId = ?1 and topicId = ?2", viewer.accountId(), topic.id).firstResult();
        if (own != null && own.level != null) {
            return NotificationLevel.ofStored(own.level);
        }
        return levelOf(viewer, permissions.categoryOf(topic));
    }

    public NotificationLevel levelOf(Viewer viewer, Category category) {
        CategoryUser row = CategoryUser.find("accountId = ?1 and categoryId = ?2", viewer.accountId(), category.id)
                .firstResult();
        return row == null ? NotificationLevel.NORMAL : NotificationLevel.ofStored(row.level);
    }

    public void setLevel(Viewer viewer, long topicId, String rawLevel) {
        NotificationLevel level = parse(rawLevel);
        Topic topic = Topic.findById(topicId);
        if (topic == null || !permissions.canRead(viewer, topic)) {
            throw ApiException.notFound();
        }
        upsert("""
                INSERT INTO topic_users (account_id, topic_id, level) VALUES (?, ?, ?)
                ON CONFLICT (account_id, topic_id) DO UPDATE SET level = EXCLUDED.level""", viewer.accountId(), topic.id,
                level.value());
    }

    public void setLevel(Viewer viewer, Category category, String rawLevel) {
        NotificationLevel level = parse(rawLevel);
        upsert("""
                INSERT INTO category_users (account_id, category_id, level) VALUES (?, ?, ?)
                ON CONFLICT (account_id, category_id) DO UPDATE SET level = EXCLUDED.level""", viewer.accountId(),
                category.id, level.value());
    }

    /**
     * After someone posts: they now track the topic (unless they chose a level for it, or watch its
     * category), and everyone else watching it is notified.
     */
    public void afterNewPost(Viewer author, Topic topic, Post post) {
        Category category = permissions.categoryOf(topic);
        upsert("""
                INSERT INTO topic_users (account_id, topic_id, level)
                SELECT ?, ?, 'tracking' WHERE NOT EXISTS (SELECT 1 FROM category_users
                    WHERE account_id = ? AND category_id = ? AND level = 'watching')
                ON CONFLICT (account_id, topic_id) DO UPDATE SET level = 'tracking' WHERE topic_users.level IS NULL""",
                author.accountId(), topic.id, author.accountId(), category.id);
        for (long recipient : recipientsOfNewPost(topic, author.accountId())) {
            if (post.postNumber > 1 && recipient == topic.opener.id) {
                continue; // a reply in their own topic: ReplyNotifications tells its opener, once
            }
            notifications.notifyOfPost(recipient, topic.id, REPLY_NOTIFICATION,
                    "New post (#" + post.postNumber + ") in topic " + topic.id + ", which you watch.",
                    new Notifications.AboutPost(post.id, null), n -> n + " new posts in topic " + topic.id + ", which you watch.");
        }
    }

    /**
     * Who is told of a new post: those watching the topic, or watching its category without a level
     * of their own for the topic; never its author, never anyone who may not read it now.
     */
    public List<Long> recipientsOfNewPost(Topic topic, long authorId) {
        Category category = permissions.categoryOf(topic);
        List<Viewer> watchers = session().doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT a.id, a.roles FROM accounts a WHERE a.id <> ? AND a.id IN (
                        SELECT tu.account_id FROM topic_users tu WHERE tu.topic_id = ? AND tu.level = 'watching'
                        UNION
                        SELECT cu.account_id FROM category_users cu WHERE cu.category_id = ? AND cu.level = 'watching'
                          AND NOT EXISTS (SELECT 1 FROM topic_users tu WHERE tu.account_id = cu.account_id
                                          AND tu.topic_id = ? AND tu.level IS NOT NULL))
                    ORDER BY a.id""")) {
                select.setLong(1, authorId);
                select.setLong(2, topic.id);
                select.setLong(3, category.id);
                select.setLong(4, topic.id);
                List<Viewer> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(Viewer.withStoredRoles(rows.getLong(1), (String[]) rows.getArray(2).getArray()));
                    }
                }
                return found;
            }
        });
        return watchers.stream().filter(watcher -> permissions.canRead(watcher, topic)).map(Viewer::accountId).toList();
    }

    private static NotificationLevel parse(String rawLevel) {
        return NotificationLevel.parse(rawLevel).orElseThrow(() -> ApiException.invalidField("level",
                "Choose watching, tracking, normal or muted."));
    }

    private void upsert(String sql, Object... parameters) {
        session().doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.executeUpdate();
            }
        });
    }

    private Session session() {
        return entityManager.unwrap(Session.class);
    }
}
