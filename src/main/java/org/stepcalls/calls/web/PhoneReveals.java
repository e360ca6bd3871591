package org.stepcalls.calls.web;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Show number by post-redirect-get (R16): the POST reveals and audits, then leaves the number here
 * under a random one-time token for the GET it redirects to. The GET takes it once — a reload, the
 * back button or a copied address finds nothing, so the number is neither shown again nor
 * re-audited, and it never appears in a URL. Held in memory only, for a minute at most.
 */
@ApplicationScoped
public class PhoneReveals {

    static final Duration LIFETIME = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Reveal(long accountId, long topicId, CallPages.RevealedPhone phone, Instant expires) {
    }

    private final Map<String, Reveal> reveals = new ConcurrentHashMap<>();

    /** Keeps {@code phone} for one GET by the same person on the same call; returns the token for its address. */
    String keep(long accountId, long topicId, CallPages.RevealedPhone phone) {
        Instant now = Instant.now();
        reveals.values().removeIf(r -> r.expires().isBefore(now));
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        reveals.put(token, new Reveal(accountId, topicId, phone, now.plus(LIFETIME)));
        return token;
    }

    /** The number kept under {@code token} for this person and call, once; null when there is none (any more). */
    CallPages.RevealedPhone take(String token, long accountId, long topicId) {
        if (token == null) {
            return null;
        }
        Reveal reveal = reveals.get(token);
        if (reveal == null || reveal.accountId() != accountId || reveal.topicId() != topicId
                || !reveals.remove(token, reveal) || reveal.expires().isBefore(Instant.now())) {
            return null; // someone else's token stays for its owner until it expires
        }
        return reveal.phone();
    }
}
