package org.stepcalls.calls.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Show number by post-redirect-get (R16): the POST reveals and audits, then leaves a random
 * one-time token for the GET it redirects to. The GET takes it once — a reload, the back button or
 * a copied address finds nothing, so the number is neither shown again nor re-audited, and it never
 * appears in a URL. The token's hash is kept in the database for a minute at most (so the GET may
 * reach another instance behind the load balancer); the number itself is kept nowhere new.
 */
@ApplicationScoped
public class PhoneReveals {

    static final Duration LIFETIME = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager entityManager;

    PhoneReveals(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A token for one GET by the same person on the same call. */
    @Transactional
    String keep(long accountId, long topicId) {
        OffsetDateTime now = OffsetDateTime.now();
        entityManager.createNativeQuery("DELETE FROM phone_reveal_tokens WHERE expires_at < ?1").setParameter(1, now)
                .executeUpdate();
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        entityManager.createNativeQuery(
                "INSERT INTO phone_reveal_tokens (token_hash, account_id, topic_id, expires_at) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, hash(token)).setParameter(2, accountId).setParameter(3, topicId)
                .setParameter(4, now.plus(LIFETIME)).executeUpdate();
        return token;
    }

    /** True once for {@code token} of this person and call, while it lasts; someone else's token stays theirs. */
    @Transactional
    boolean take(String token, long accountId, long topicId) {
        if (token == null || token.length() > 64) {
            return false;
        }
        return entityManager.createNativeQuery("""
                DELETE FROM phone_reveal_tokens
                WHERE token_hash = ?1 AND account_id = ?2 AND topic_id = ?3 AND expires_at >= ?4""")
                .setParameter(1, hash(token)).setParameter(2, accountId).setParameter(3, topicId)
                .setParameter(4, OffsetDateTime.now()).executeUpdate() == 1;
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
