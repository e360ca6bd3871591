package org.stepcalls.members;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.stepcalls.forum.NotificationSettings;
import org.stepcalls.forum.Notifications;
import org.stepcalls.platform.mail.MailOutbox;
import org.stepcalls.platform.security.Account;
import org.stepcalls.platform.security.Accounts;
import org.stepcalls.platform.security.UsernameSuggester;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.privacy.AuditLog;
import org.stepcalls.privacy.AuditLog.Action;
import org.stepcalls.volunteers.Volunteer;
import org.stepcalls.volunteers.VolunteerList;
import org.stepcalls.volunteers.VolunteerView;

/**
 * A member's rights over their own data (GDPR Art. 15, 17, 20): a copy as JSON, and erasure.
 * The copy holds what they wrote and their list entry — never another person's data, so no
 * caller's details even for the helpliner who took the call.
 */
@ApplicationScoped
@Transactional
public class MyData {

    public static final String FORMER_MEMBER = "former member";

    public record PostCopy(long postId, long topicId, String topicTitle, String body, OffsetDateTime createdAt,
            OffsetDateTime editedAt) {
    }

    public record NotificationCopy(String text, OffsetDateTime createdAt) {
    }

    /** A coordinator's task about their list entry, raised on a call (why, when, whether settled); never the call. */
    public record TaskCopy(String kind, String reason, OffsetDateTime createdAt, boolean done) {
    }

    public record Copy(String displayName, String username, OffsetDateTime accountCreatedAt, List<String> roles,
            List<PostCopy> posts, VolunteerView listEntry, List<NotificationCopy> notifications, List<TaskCopy> listTasks,
            String email, Map<String, Boolean> emailNotifications) {
    }

    private final EntityManager entityManager;
    private final VolunteerList volunteers;
    private final AuditLog audit;
    private final NotificationSettings emailSettings;
    private final Accounts accounts;
    private final Notifications notifications;
    private final MailOutbox mailOutbox;

    MyData(EntityManager entityManager, VolunteerList volunteers, AuditLog audit, NotificationSettings emailSettings,
            Accounts accounts, Notifications notifications, MailOutbox mailOutbox) {
        this.mailOutbox = mailOutbox;
        this.entityManager = entityManager;
        this.volunteers = volunteers;
        this.audit = audit;
        this.emailSettings = emailSettings;
        this.accounts = accounts;
        this.notifications = notifications;
    }

    @SuppressWarnings("unchecked")
    public Copy copy(Viewer viewer) {
        Account account = Account.findById(viewer.accountId());
        List<Object[]> posts = entityManager.createNativeQuery("""
                SELECT p.id, t.id, t.title, p.body, p.created_at, p.edited_at FROM posts p JOIN topics t ON t.id = p.topic_id
                WHERE p.author_id = ?1 AND p.kind = 'text' ORDER BY p.id""", Object[].class)
                .setParameter(1, viewer.accountId()).getResultList();
        List<Object[]> notifications = entityManager.createNativeQuery(
                "SELECT text, created_at FROM notifications WHERE account_id = ?1 ORDER BY id", Object[].class)
                .setParameter(1, viewer.accountId()).getResultList();
        List<Object[]> tasks = entityManager.createNativeQuery("""
                SELECT t.kind, t.reason, t.created_at, t.done_at IS NOT NULL FROM volunteer_tasks t
                JOIN volunteers v ON v.id = t.volunteer_id WHERE v.account_id = ?1 ORDER BY t.id""", Object[].class)
                .setParameter(1, viewer.accountId()).getResultList();
        VolunteerView entry = Volunteer.findByAccount(viewer.accountId()) == null ? null : volunteers.mine(viewer);
        return new Copy(account.displayName, account.username, account.createdAt, viewer.roles().stream().map(r -> r.claimValue()).sorted().toList(),
                posts.stream().map(r -> new PostCopy(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2],
                        (String) r[3], time(r[4]), time(r[5]))).toList(),
                entry,
                notifications.stream().map(r -> new NotificationCopy((String) r[0], time(r[1]))).toList(),
                tasks.stream().map(r -> new TaskCopy((String) r[0], (String) r[1], time(r[2]), (Boolean) r[3])).toList(),
                account.email, emailSettings.of(viewer.accountId()).entrySet().stream().collect(
                        Collectors.toMap(e -> e.getKey().jsonName(), Map.Entry::getValue, (a, b) -> a, TreeMap::new)));
    }

    /**
     * Erasure: the list entry and its number go (R13), notifications, drafts and reading state go, and the account is
     * anonymised — its posts stay, attributed to "former member", and the next sign-in with the
     * same identity starts a new account.
     */
    public void erase(Viewer viewer) {
        if (Volunteer.findByAccount(viewer.accountId()) != null) {
            volunteers.leave(viewer);
        }
        // notifications, drafts and reading state go with the account
        for (String table : List.of("notifications", "drafts", "topic_users", "category_users")) {
            entityManager.createNativeQuery("DELETE FROM " + table + " WHERE account_id = ?1").setParameter(1, viewer.accountId())
                    .executeUpdate();
        }
        // the address, queued e-mails and e-mail settings go with the account; so do mails to others
        // about their posts, which name them ("Ada replied …") as the posts no longer will — without
        // waiting on those a mail server is taking at this moment, as a hide does
        mailOutbox.withdrawMails(entityManager.createNativeQuery("SELECT m.id FROM mail_outbox m WHERE m.account_id = ?1 OR EXISTS "
                + "(SELECT 1 FROM posts p WHERE p.id = m.post_id AND p.author_id = ?1)", Long.class)
                .setParameter(1, viewer.accountId()).getResultList());
        // others' notifications about their posts stop naming them ("Ada replied …" → "A former member replied …")
        String erasedUsername = UsernameSuggester.erased(viewer.accountId());
        notifications.forgetAuthor(viewer.accountId(), "A " + FORMER_MEMBER, erasedUsername);
        entityManager.createNativeQuery("DELETE FROM notification_settings WHERE account_id = ?1")
                .setParameter(1, viewer.accountId()).executeUpdate();
        // the chosen username goes too: a neutral one that no living account may take
        entityManager.createNativeQuery("UPDATE accounts SET display_name = ?1, issuer = 'erased', subject = ?2, "
                + "username = ?4, email = NULL, roles = '{}' WHERE id = ?3")
                .setParameter(1, FORMER_MEMBER).setParameter(2, UUID.randomUUID().toString())
                .setParameter(3, viewer.accountId()).setParameter(4, erasedUsername).executeUpdate();
        accounts.forgetOnCommit(viewer.accountId()); // signing in again makes a new account, here at once too
        audit.record(viewer.accountId(), Action.ACCOUNT_DELETED, null, null);
    }

    private static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof OffsetDateTime t ? t : ((java.time.Instant) value).atOffset(java.time.ZoneOffset.UTC);
    }
}
