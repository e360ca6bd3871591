package org.stepcalls.members;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.stepcalls.platform.security.Account;
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

    public record Copy(String displayName, OffsetDateTime accountCreatedAt, List<String> roles, List<PostCopy> posts,
            VolunteerView listEntry, List<NotificationCopy> notifications) {
    }

    private final EntityManager entityManager;
    private final VolunteerList volunteers;
    private final AuditLog audit;

    MyData(EntityManager entityManager, VolunteerList volunteers, AuditLog audit) {
        this.entityManager = entityManager;
        this.volunteers = volunteers;
        this.audit = audit;
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
        VolunteerView entry = Volunteer.findByAccount(viewer.accountId()) == null ? null : volunteers.mine(viewer);
        return new Copy(account.displayName, account.createdAt, viewer.roles().stream().map(r -> r.claimValue()).sorted().toList(),
                posts.stream().map(r -> new PostCopy(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2],
                        (String) r[3], time(r[4]), time(r[5]))).toList(),
                entry,
                notifications.stream().map(r -> new NotificationCopy((String) r[0], time(r[1]))).toList());
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
        for (String table : List.of("notifications", "drafts", "topic_users", "category_users")) {
            entityManager.createNativeQuery("DELETE FROM " + table + " WHERE account_id = ?1").setParameter(1, viewer.accountId())
                    .executeUpdate();
        }
        entityManager.createNativeQuery("UPDATE meetings SET contact_name = NULL, contact_phone_cipher = NULL, "
                + "contact_account_id = NULL WHERE contact_account_id = ?1").setParameter(1, viewer.accountId()).executeUpdate();
        entityManager.createNativeQuery("UPDATE accounts SET display_name = ?1, issuer = 'erased', subject = ?2, roles = '{}' WHERE id = ?3")
                .setParameter(1, FORMER_MEMBER).setParameter(2, UUID.randomUUID().toString())
                .setParameter(3, viewer.accountId()).executeUpdate();
        audit.record(viewer.accountId(), Action.ACCOUNT_DELETED, null, null);
    }

    private static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof OffsetDateTime t ? t : ((java.time.Instant) value).atOffset(java.time.ZoneOffset.UTC);
    }
}
