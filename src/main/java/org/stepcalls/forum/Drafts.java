package org.stepcalls.forum;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.privacy.RedactedText;

/**
 * One draft per person and box: {@code topic-{id}} for a topic's reply box, {@code new-topic-{slug}}
 * for a category's new-topic form. Redacted and checked like a post before it is stored, so no
 * number is ever at rest. Only where the plain forms are: a feature's board (the 12th Step calls,
 * whose forms take caller details) keeps no drafts.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Drafts {

    public static final String NO_DRAFTS_HERE = "no_drafts_here";
    private static final Pattern REPLY = Pattern.compile("topic-(\\d{1,18})");
    private static final Pattern NEW_TOPIC = Pattern.compile("new-topic-([a-z0-9-]{1,40})");

    public record Draft(String key, String title, String body, OffsetDateTime updatedAt) {
    }

    private final Permissions permissions;
    private final Instance<ForumService> forum; // lazily: ForumService discards drafts after posting
    private final EntityManager entityManager;

    Drafts(Permissions permissions, Instance<ForumService> forum, EntityManager entityManager) {
        this.permissions = permissions;
        this.forum = forum;
        this.entityManager = entityManager;
    }

    public static String replyKey(long topicId) {
        return "topic-" + topicId;
    }

    public static String newTopicKey(String categorySlug) {
        return "new-topic-" + categorySlug;
    }

    /** Saves (or replaces) the draft; answers it as stored, redacted. */
    public Draft save(Viewer viewer, String key, String rawTitle, String rawBody) {
        Long topicId = box(viewer, key);
        String title = null;
        if (topicId == null && rawTitle != null && !rawTitle.isBlank()) {
            RedactedText clean = forum.get().cleanTitle(rawTitle);
            title = clean.text();
        }
        String body = forum.get().preview(rawBody).rendered().source().text();
        OffsetDateTime now = OffsetDateTime.now();
        String storedTitle = title;
        session().doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO drafts (account_id, draft_key, topic_id, title, body, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (account_id, draft_key) DO UPDATE
                    SET title = EXCLUDED.title, body = EXCLUDED.body, updated_at = EXCLUDED.updated_at""")) {
                upsert.setLong(1, viewer.accountId());
                upsert.setString(2, key);
                upsert.setObject(3, topicId);
                upsert.setString(4, storedTitle);
                upsert.setString(5, body);
                upsert.setObject(6, now);
                upsert.executeUpdate();
            }
        });
        return new Draft(key, storedTitle, body, now);
    }

    public Optional<Draft> find(Viewer viewer, String key) {
        box(viewer, key);
        return stored(viewer, key);
    }

    /** The draft for a box already known to be the viewer's to use (the topic page's reply box). */
    public Optional<Draft> stored(Viewer viewer, String key) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT title, body, updated_at FROM drafts WHERE account_id = ? AND draft_key = ?")) {
                select.setLong(1, viewer.accountId());
                select.setString(2, key);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new Draft(key, row.getString(1), row.getString(2),
                            row.getObject(3, OffsetDateTime.class))) : Optional.<Draft> empty();
                }
            }
        });
    }

    public void delete(Viewer viewer, String key) {
        box(viewer, key);
        deleteStored(viewer.accountId(), key);
    }

    /** Posting is what the draft was for. */
    void discardAfterPosting(Viewer viewer, Topic topic, Post post) {
        deleteStored(viewer.accountId(), post.postNumber == 1 ? newTopicKey(permissions.categoryOf(topic).slug)
                : replyKey(topic.id));
    }

    /** Checks that the box is one the viewer may write in and that keeps drafts; its topic id for a reply box. */
    private Long box(Viewer viewer, String key) {
        if (!viewer.isSignedIn()) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        Matcher reply = REPLY.matcher(key == null ? "" : key);
        if (reply.matches()) {
            Topic topic = Topic.findById(Long.parseLong(reply.group(1)));
            if (topic == null || !permissions.canRead(viewer, topic)) {
                throw ApiException.notFound();
            }
            refuseFeatureBoard(permissions.categoryOf(topic));
            if (!permissions.canReply(viewer, topic)) {
                throw ApiException.forbidden("Your role may read this topic but not reply to it.");
            }
            return topic.id;
        }
        Matcher newTopic = NEW_TOPIC.matcher(key == null ? "" : key);
        if (newTopic.matches()) {
            Category category = Category.findBySlug(newTopic.group(1));
            if (category == null || !permissions.canRead(viewer, category)) {
                throw ApiException.notFound();
            }
            refuseFeatureBoard(category);
            if (!permissions.canCreateTopicIn(viewer, category)) {
                throw ApiException.forbidden("Your role may read " + category.name + " but not start topics there.");
            }
            return null;
        }
        throw ApiException.invalidField("key", "A draft key is topic-{id} (a reply) or new-topic-{category} (a new topic).");
    }

    /** The calls board's forms take caller details: nothing typed there is kept half-written. */
    private static void refuseFeatureBoard(Category category) {
        if (category.topicsByFeatureOnly) {
            throw ApiException.conflict(NO_DRAFTS_HERE, category.name + " keeps no drafts: what is typed about a "
                    + "caller is stored only when it is logged.");
        }
    }

    private void deleteStored(long accountId, String key) {
        session().doWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM drafts WHERE account_id = ? AND draft_key = ?")) {
                delete.setLong(1, accountId);
                delete.setString(2, key);
                delete.executeUpdate();
            }
        });
    }

    private Session session() {
        return entityManager.unwrap(Session.class);
    }
}
