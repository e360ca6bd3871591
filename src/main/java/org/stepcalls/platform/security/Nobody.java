package org.stepcalls.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * A member no person is, for the warm-up's rounds before any member asks: signed in as far as a page
 * can tell, with the member role only and an account id no account has (-1), so it sees what every
 * member sees and nothing reads as its own. Code in this process signs in as nobody on a request
 * context of its own ({@link #signedIn}); over HTTP only the warm-up's own requests can, with a key
 * that lives in this process's memory only while it warms up and opens the latest page's first
 * screen ({@code GET /}) and nothing else ({@link WarmUpKeyMechanism}).
 */
@ApplicationScoped
public class Nobody {

    /** As permission checks see nobody (what {@link CurrentUser#viewer()} answers for it). */
    static final Viewer VIEWER = new Viewer(-1L, EnumSet.of(Role.MEMBER));

    /** What {@link CurrentUser#account()} answers for nobody, instead of finding or making an account. */
    static final Accounts.SignedIn ACCOUNT = new Accounts.SignedIn(VIEWER.accountId(), "Nobody", "", null,
            List.of(Role.MEMBER.claimValue()));

    record NobodyPrincipal() implements Principal {
        @Override
        public String getName() {
            return "nobody";
        }
    }

    static final QuarkusSecurityIdentity IDENTITY = QuarkusSecurityIdentity.builder()
            .setPrincipal(new NobodyPrincipal()).addRole(Role.MEMBER.claimValue()).build();

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The live key and until when it is accepted at most, together so that a reader sees both or neither. */
    private record LiveKey(String key, long untilNanos) {
    }

    private volatile LiveKey warmUpKey;
    private boolean opened;

    /**
     * The key the warm-up's requests carry ({@link WarmUpKeyMechanism#HEADER}): 32 random bytes, never
     * written anywhere, handed out once (a second call, or one after {@link #retireWarmUpKey}, throws);
     * accepted until it is retired and for {@code validFor} at most.
     */
    public synchronized String openWarmUpKey(Duration validFor) {
        if (opened) {
            throw new IllegalStateException("The warm-up key is handed out once");
        }
        opened = true;
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        warmUpKey = new LiveKey(key, System.nanoTime() + validFor.toNanos());
        return key;
    }

    /** From now on no request signs in as nobody (the warm-up is over, or was never on). */
    public synchronized void retireWarmUpKey() {
        opened = true;
        warmUpKey = null;
    }

    /** Whether a request can sign in as nobody now. */
    public boolean isWarmUpKeyLive() {
        LiveKey live = warmUpKey;
        return live != null && System.nanoTime() - live.untilNanos() < 0;
    }

    /** Whether this is the live warm-up key: in constant time, so a guess learns nothing from how long a refusal took. */
    boolean isWarmUpKey(String presented) {
        LiveKey live = warmUpKey;
        return live != null && presented != null && System.nanoTime() - live.untilNanos() < 0
                && MessageDigest.isEqual(live.key().getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** The live key, for tests that sign in as the warm-up does. */
    String liveWarmUpKey() {
        LiveKey live = warmUpKey;
        return live == null ? null : live.key();
    }

    /**
     * The work, on a new request context signed in as nobody; refused on a thread already serving a
     * request, whose identity it would otherwise replace.
     */
    public <T> T signedIn(Supplier<T> work) {
        ManagedContext request = Arc.container().requestContext();
        if (request.isActive()) {
            throw new IllegalStateException("Nobody signs in only on a request context of its own");
        }
        request.activate();
        try {
            Arc.container().instance(CurrentIdentityAssociation.class).get().setIdentity(IDENTITY);
            return work.get();
        } finally {
            request.terminate();
        }
    }
}
