package org.stepcalls.forum;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;

/**
 * In-app notifications: features write them (the calls board's overdue reminders and nudges),
 * people read them in a list with a count in the header. Callers pass text they composed from
 * ids and counts, never user input. Each is also e-mailed when its kind maps to an event the
 * person wants ({@link EmailEvent}), through the outbox in the same transaction.
 */
@ApplicationScoped
@Transactional
public class Notifications {

    private final NotificationMail mail;

    Notifications(NotificationMail mail) {
        this.mail = mail;
    }

    /**
     * The post a notification tells of — hiding, editing or deleting it withdraws the e-mail if not yet
     * sent — and, where not null, already-redacted text of it the e-mail may {@code quote}: only where the
     * topic's category allows it ({@link EmailPrivacy}); never for the calls board or Helpliners.
     */
    public record AboutPost(long postId, String quote) {
    }

    public void notify(long accountId, Long topicId, String kind, String text) {
        notify(accountId, topicId, kind, text, null);
    }

    /** The kinds that tell someone of a new post. */
    private static final List<String> OF_A_NEW_POST = List.of(Mentions.KIND, ReplyNotifications.KIND, TopicWatching.REPLY_NOTIFICATION);

    /**
     * Tells someone of a new post once, as Discourse does: a reply that mentions the opener of a topic they
     * watch is one notification (and one e-mail), not three. The first told wins — the mention is told first.
     */
    void notifyOfPost(long accountId, long topicId, String kind, String text, AboutPost post) {
        notifyOfPost(accountId, topicId, kind, text, post, null);
    }

    /**
     * As above; and where {@code collapsed} is given, a reply in a topic whose last reply the person has
     * not yet seen adds to that unread notification instead ({@code collapsed} words it for {@code n}
     * posts), as Discourse collapses them: it moves to the top, points still at the first unread post,
     * and sends no second e-mail. Reading the topic marks it read ({@link UnsavedReadingPositions}); the
     * next reply is told anew.
     */
    void notifyOfPost(long accountId, long topicId, String kind, String text, AboutPost post, IntFunction<String> collapsed) {
        if (Notification.count("accountId = ?1 and postId = ?2 and kind in ?3", accountId, post.postId(), OF_A_NEW_POST) > 0) {
            return;
        }
        // locked, so a reading position saved at this moment (which marks it read) is waited for and then seen;
        // never one whose first post was hidden or deleted since (its mail was withdrawn: this one must go out)
        Notification unread = collapsed == null ? null
                : Notification.<Notification>find("""
                        accountId = ?1 and topicId = ?2 and kind = ?3 and readAt is null and postId is not null
                        and postId not in (select p.id from Post p where p.topic.id = ?2 and (p.hidden = true or p.deletedAt is not null))
                        order by id desc""", accountId, topicId, kind).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (unread == null) {
            notify(accountId, topicId, kind, text, post);
            return;
        }
        unread.posts++;
        unread.text = collapsed.apply(unread.posts);
        unread.createdAt = OffsetDateTime.now();
        unread.lastPostNumber = Post.<Post>findById(post.postId()).postNumber;
    }

    public void notify(long accountId, Long topicId, String kind, String text, AboutPost post) {
        Notification notification = new Notification();
        notification.accountId = accountId;
        notification.topicId = topicId;
        notification.postId = post == null ? null : post.postId();
        notification.kind = kind;
        notification.text = text;
        notification.createdAt = OffsetDateTime.now();
        notification.persist();
        mail.forNotification(accountId, topicId == null ? null : Topic.findById(topicId), kind, text, post);
    }

    /**
     * The author of posts erased their account: the notifications about those posts stop naming them, as
     * the posts do ({@link ReplyNotifications}: the display name; {@link Mentions}: the {@code @username}).
     */
    public void forgetAuthor(long authorId, String formerName, String formerUsername) {
        // A reply's notification is written anew from its topic, as ReplyNotifications words it, rather than
        // parsed: a name (then or now) may itself hold the fixed words ("Bo replied in your topic “x").
        // A mention's text starts with "@username", which holds no space.
        String quotable = "{" + Category.<Category>listAll().stream().filter(EmailPrivacy::mayQuote).map(c -> String.valueOf(c.id))
                .collect(java.util.stream.Collectors.joining(",")) + "}";
        Notification.getEntityManager().createNativeQuery("""
                UPDATE notifications n
                SET text = CASE
                    WHEN n.kind = ?7 AND (position(?8 in n.text) > 0 OR position(?9 in n.text) > 0) THEN
                        CASE WHEN t.category_id = ANY(cast(?4 as bigint[])) THEN ?2 || ?8 || t.title || '”.' ELSE ?2 || ?9 || c.name || '.' END
                    ELSE regexp_replace(n.text, ?5, '@' || ?3 || ?6) END
                FROM posts p JOIN topics t ON t.id = p.topic_id JOIN categories c ON c.id = t.category_id
                WHERE n.post_id = p.id AND p.author_id = ?1""")
                .setParameter(1, authorId).setParameter(2, formerName).setParameter(3, formerUsername)
                .setParameter(4, quotable)
                .setParameter(5, "^@\\S+" + Mentions.MENTIONED_YOU).setParameter(6, Mentions.MENTIONED_YOU)
                .setParameter(7, ReplyNotifications.KIND).setParameter(8, ReplyNotifications.IN_YOUR_TOPIC)
                .setParameter(9, ReplyNotifications.IN_A_TOPIC_YOU_STARTED)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean hasUnread(long accountId, long topicId, String kind) {
        return Notification.count("accountId = ?1 and topicId = ?2 and kind = ?3 and readAt is null", accountId, topicId,
                kind) > 0;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Notification> latest(Viewer viewer) {
        requireSignedIn(viewer);
        return Notification.find("accountId = ?1 order by createdAt desc, id desc", viewer.accountId()).page(0, 50).list();
    }

    /** The unread count; {@code ?} is the account id (also the page header's, {@code UnreadNotificationsCount}). */
    public static final String UNREAD_COUNT = "SELECT count(*) FROM notifications WHERE account_id = ? AND read_at IS NULL";

    /**
     * For the Discourse API's site data: one plain statement on the session's own connection (the
     * request's reads may still hold it, and a second from the pool could wait on other requests').
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long unreadCount(Viewer viewer) {
        if (!viewer.isSignedIn()) {
            return 0;
        }
        return Notification.getSession().doReturningWork(connection -> {
            try (PreparedStatement count = connection.prepareStatement(
                    UNREAD_COUNT)) {
                count.setLong(1, viewer.accountId());
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    public void markRead(Viewer viewer, long id) {
        requireSignedIn(viewer);
        Notification notification = Notification.findById(id);
        if (notification == null || notification.accountId != viewer.accountId()) {
            throw ApiException.notFound();
        }
        if (notification.readAt == null) {
            notification.readAt = OffsetDateTime.now();
        }
    }

    public void markAllRead(Viewer viewer) {
        requireSignedIn(viewer);
        Notification.update("readAt = ?1 where accountId = ?2 and readAt is null", OffsetDateTime.now(), viewer.accountId());
    }

    private static void requireSignedIn(Viewer viewer) {
        if (!viewer.isSignedIn()) {
            throw new io.quarkus.security.UnauthorizedException();
        }
    }
}
