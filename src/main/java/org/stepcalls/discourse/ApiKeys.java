package org.stepcalls.discourse;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.stepcalls.forum.Usernames;
import org.stepcalls.platform.security.Account;
import org.stepcalls.platform.security.ApiKeyIdentityProvider;
import org.stepcalls.platform.security.Role;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.privacy.AuditLog;
import org.stepcalls.privacy.Redactor;

/**
 * Admins' API keys, as Discourse has them: a key for one user acts only as that user; a key for
 * all users acts as whoever {@code Api-Username} names. The key is shown once, at creation; only
 * its SHA-256 is kept. Creating and revoking are audited.
 */
@ApplicationScoped
@Transactional
public class ApiKeys {

    public static final int MAX_DESCRIPTION = 200;

    /** A key as admins see it afterwards: never the key itself. */
    public record KeyInfo(long id, String description, String username, String keyPrefix, OffsetDateTime createdAt,
            String createdBy, OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {

        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /** A new key: {@code key} is in no table, so this is the only time anyone sees it. */
    public record NewKey(long id, String key) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager entityManager;
    private final Usernames usernames;
    private final Redactor redactor;
    private final AuditLog audit;

    ApiKeys(EntityManager entityManager, Usernames usernames, Redactor redactor, AuditLog audit) {
        this.entityManager = entityManager;
        this.usernames = usernames;
        this.redactor = redactor;
        this.audit = audit;
    }

    public NewKey create(Viewer viewer, String rawDescription, String username) {
        requireAdmin(viewer);
        String description = rawDescription == null ? "" : rawDescription.strip();
        if (description.isEmpty() || description.length() > MAX_DESCRIPTION) {
            throw ApiException.invalidField("description", "Say what the key is for, in at most " + MAX_DESCRIPTION
                    + " characters.");
        }
        if (redactor.showsContactDetails(description)) {
            throw ApiException.invalidField("description", "contact_details",
                    "A key's description may not hold a phone number or an e-mail address.");
        }
        Long accountId = null;
        if (username != null && !username.isBlank()) {
            Account account = usernames.find(username.strip());
            if (account == null) {
                throw ApiException.invalidField("username", "unknown_user",
                        "Nobody has that username; a key for one user needs someone who has signed in.");
            }
            accountId = account.id;
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = HexFormat.of().formatHex(secret);
        Number id = (Number) entityManager.createNativeQuery("""
                INSERT INTO api_keys (description, key_hash, key_prefix, account_id, created_by, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id""")
                .setParameter(1, description).setParameter(2, ApiKeyIdentityProvider.hash(key))
                .setParameter(3, key.substring(0, 4)).setParameter(4, accountId).setParameter(5, viewer.accountId())
                .setParameter(6, OffsetDateTime.now()).getSingleResult();
        audit.record(viewer.accountId(), AuditLog.Action.API_KEY_CREATED, null, null);
        return new NewKey(id.longValue(), key);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<KeyInfo> list(Viewer viewer) {
        requireAdmin(viewer);
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT k.id, k.description, a.username, k.key_prefix, k.created_at, c.display_name, k.last_used_at,
                       k.revoked_at
                FROM api_keys k LEFT JOIN accounts a ON a.id = k.account_id JOIN accounts c ON c.id = k.created_by
                ORDER BY k.revoked_at IS NOT NULL, k.id DESC""").getResultList();
        return rows.stream().map(r -> new KeyInfo(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                time(r[4]), (String) r[5], time(r[6]), time(r[7]))).toList();
    }

    public void revoke(Viewer viewer, long id) {
        requireAdmin(viewer);
        int revoked = entityManager.createNativeQuery(
                "UPDATE api_keys SET revoked_at = ?1, revoked_by = ?2 WHERE id = ?3 AND revoked_at IS NULL")
                .setParameter(1, OffsetDateTime.now()).setParameter(2, viewer.accountId()).setParameter(3, id)
                .executeUpdate();
        if (revoked == 0) {
            Number exists = (Number) entityManager.createNativeQuery("SELECT count(*) FROM api_keys WHERE id = ?1")
                    .setParameter(1, id).getSingleResult();
            if (exists.longValue() == 0) {
                throw ApiException.notFound();
            }
            throw ApiException.conflict("already_revoked", "This key was revoked already.");
        }
        audit.record(viewer.accountId(), AuditLog.Action.API_KEY_REVOKED, null, null);
    }

    private static void requireAdmin(Viewer viewer) {
        if (!viewer.isSignedIn()) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        if (!viewer.has(Role.ADMIN)) {
            throw ApiException.forbidden("Only admins manage API keys.");
        }
    }

    private static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return time;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
}
