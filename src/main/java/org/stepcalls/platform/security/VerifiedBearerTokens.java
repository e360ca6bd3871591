package org.stepcalls.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.credential.Credential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer tokens already verified, so a client sending the same token again is not verified again:
 * the profile put 41 % of the latest page's CPU in parsing and checking the JWT on every request.
 * Keyed by the token's SHA-256, bounded, and an entry lives no longer than its token's {@code exp}
 * (nor {@code stepcalls.token-cache.max-age}): an expired token is verified — and refused — at
 * once, and a token with new roles is a new key. Only what the token itself proved is kept
 * (its claims, roles and credential); each request gets an identity of its own, carrying its own
 * request context, never a previous request's.
 */
@ApplicationScoped
public class VerifiedBearerTokens implements IdentityProvider<TokenAuthenticationRequest> {

    /** Marks an identity this cache made, so it is not remembered again. */
    static final String FROM_CACHE = "stepcalls.verified-token-cache";
    /** The attributes of an identity that belong to the request that made it. */
    private static final Set<String> PER_REQUEST = Set.of(RoutingContext.class.getName(),
            AuthenticationRequestContext.class.getName());

    private record Verified(Principal principal, Set<String> roles, Set<Credential> credentials,
            Map<String, Object> attributes, Instant expiresAt) {
    }

    private final Cache<String, Verified> verified;
    private final boolean enabled;
    private final Duration maxAge;

    VerifiedBearerTokens(@ConfigProperty(name = "stepcalls.token-cache.max-size", defaultValue = "10000") long maxSize,
            @ConfigProperty(name = "stepcalls.token-cache.max-age", defaultValue = "PT5M") Duration maxAge) {
        this.enabled = maxSize > 0;
        this.maxAge = maxAge;
        this.verified = Caffeine.newBuilder().maximumSize(Math.max(1, maxSize)).recordStats().expireAfter(new Expiry<String, Verified>() {
            @Override
            public long expireAfterCreate(String key, Verified value, long currentTime) {
                return Math.max(0, Duration.between(Instant.now(), value.expiresAt()).toNanos());
            }

            @Override
            public long expireAfterUpdate(String key, Verified value, long currentTime, long currentDuration) {
                return expireAfterCreate(key, value, currentTime);
            }

            @Override
            public long expireAfterRead(String key, Verified value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    // ---------------------------------------------------------------- before OIDC: a token seen before

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return SYSTEM_FIRST + 100; // before the OIDC provider (SYSTEM_FIRST + 1); an empty answer passes the token on
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!enabled || !(request.getToken() instanceof AccessTokenCredential token)) {
            return Uni.createFrom().nullItem();
        }
        Verified known = verified.getIfPresent(hash(token.getToken()));
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (known == null || !known.expiresAt().isAfter(Instant.now()) || routing == null) {
            return Uni.createFrom().nullItem();
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder().setPrincipal(known.principal())
                .addRoles(known.roles()).addCredentials(known.credentials()).addAttributes(known.attributes())
                .addAttribute(FROM_CACHE, Boolean.TRUE).addAttribute(RoutingContext.class.getName(), routing);
        Object blocking = routing.get(AuthenticationRequestContext.class.getName());
        if (blocking != null) {
            identity.addAttribute(AuthenticationRequestContext.class.getName(), blocking);
        }
        return Uni.createFrom().item(identity.build());
    }

    /**
     * After the OIDC provider verified a token this request sent as its bearer: remember what it
     * proved until the token expires (or the maximum age). Called by {@link RememberVerifiedTokens}.
     */
    void remember(SecurityIdentity identity, RoutingContext routing) {
        if (!enabled || identity.isAnonymous() || identity.getAttribute(FROM_CACHE) != null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token == null || !sentAsBearer(routing, token.getToken())) {
            return;
        }
        Instant expires = Instant.ofEpochSecond(jwt.getExpirationTime());
        Instant until = expires.isBefore(Instant.now().plus(maxAge)) ? expires : Instant.now().plus(maxAge);
        if (until.isAfter(Instant.now())) {
            Map<String, Object> attributes = identity.getAttributes().entrySet().stream()
                    .filter(a -> !PER_REQUEST.contains(a.getKey()) && !(a.getValue() instanceof RoutingContext))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            verified.put(hash(token.getToken()), new Verified(identity.getPrincipal(), Set.copyOf(identity.getRoles()),
                    Set.copyOf(identity.getCredentials()), Map.copyOf(attributes), until));
        }
    }

    /** Only a token this request sent in its Authorization header: a session's tokens stay with the session. */
    private static boolean sentAsBearer(RoutingContext routing, String token) {
        String header = routing.request().getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.substring(7).strip().equals(token);
    }

    /** How many requests were signed in from the cache (tests and metrics). */
    public long hits() {
        return verified.stats().hitCount();
    }

    /** How many tokens are remembered now (tests and metrics). */
    public long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
