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
import io.quarkus.oidc.AuthorizationCodeTokens;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.common.runtime.OidcConstants;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.credential.Credential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Tokens already verified, so a client sending the same token again is not verified again: the
 * profile put 41 % of the latest page's CPU in parsing and checking the JWT on every request.
 * Two kinds: a bearer token, and a browser session's tokens (its ID, access and refresh tokens,
 * which the session cookie carries and OIDC verifies — two RS256 checks — on every page). Keyed by
 * the SHA-256 of the OIDC tenant and the token(s), bounded, and an entry lives no longer than its
 * tokens' {@code exp} (nor {@code stepcalls.token-cache.max-age}): an expired token is verified —
 * and refused, or a session refreshed — at once, and a token with new roles is a new key. Only what
 * the tokens themselves proved is kept (claims, roles, credentials); each request gets an identity
 * of its own, carrying its own request context, never a previous request's. The session cookie is
 * decrypted first ({@link DecryptedSessionCookies}, once per exact cookie value): a forged or tampered
 * cookie never reaches this cache.
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
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        String key = enabled && routing != null ? key(request.getToken(), routing) : null;
        Verified known = key == null ? null : verified.getIfPresent(key);
        if (known == null || !known.expiresAt().isAfter(Instant.now())) {
            return Uni.createFrom().nullItem();
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder().setPrincipal(known.principal())
                .addRoles(known.roles()).addCredentials(known.credentials()).addAttributes(known.attributes())
                .addAttribute(FROM_CACHE, Boolean.TRUE).addAttribute(RoutingContext.class.getName(), routing);
        identity.addAttribute(AuthenticationRequestContext.class.getName(), context); // this request's, as OIDC sets it
        return Uni.createFrom().item(identity.build());
    }

    /**
     * After the OIDC provider verified a token this request sent as its bearer, or the tokens of
     * its session: remember what they proved until the first of them expires (or the maximum age).
     * Called by {@link RememberVerifiedTokens}.
     */
    void remember(SecurityIdentity identity, RoutingContext routing) {
        if (!enabled || identity.isAnonymous() || identity.getAttribute(FROM_CACHE) != null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0
                || !identity.getAttributes().getOrDefault(OidcUtils.TENANT_ID_ATTRIBUTE, "").equals(resolvedTenant(routing))) {
            // remembered only under the tenant that verified it: that is the key a later request looks up
            return;
        }
        IdTokenCredential session = identity.getCredential(IdTokenCredential.class);
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        String key;
        Instant expires = Instant.ofEpochSecond(jwt.getExpirationTime());
        if (session != null) {
            key = key(session, routing);
            Instant accessExpires = expiry(routing.get(OidcConstants.ACCESS_TOKEN_VALUE));
            if (key == null || accessExpires == null) {
                return; // an opaque access token: its roles were looked up, not proved by the token
            }
            expires = accessExpires.isBefore(expires) ? accessExpires : expires;
        } else if (token != null && sentAsBearer(routing, token.getToken())) {
            key = key(token, routing);
        } else {
            return;
        }
        Instant until = expires.isBefore(Instant.now().plus(maxAge)) ? expires : Instant.now().plus(maxAge);
        if (key != null && until.isAfter(Instant.now())) {
            Map<String, Object> attributes = identity.getAttributes().entrySet().stream()
                    .filter(a -> !PER_REQUEST.contains(a.getKey()) && !(a.getValue() instanceof RoutingContext))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            verified.put(key, new Verified(identity.getPrincipal(), Set.copyOf(identity.getRoles()),
                    Set.copyOf(identity.getCredentials()), Map.copyOf(attributes), until));
        }
    }

    /**
     * What an identity is remembered under: the OIDC tenant resolved for this request (tenants may
     * accept different audiences; the resolved configuration, not the {@code tenant-id} attribute,
     * which a session cookie's name can set) with the bearer token, or with every token of the
     * session; null for anything else, or before a tenant is resolved.
     */
    private static String key(Credential credential, RoutingContext routing) {
        String tenant = resolvedTenant(routing);
        if (tenant == null) {
            return null;
        }
        if (credential instanceof AccessTokenCredential bearer) {
            return hash("bearer\n" + tenant + "\n" + bearer.getToken());
        }
        AuthorizationCodeTokens tokens = routing.get(AuthorizationCodeTokens.class.getName());
        String accessToken = routing.get(OidcConstants.ACCESS_TOKEN_VALUE);
        if (credential instanceof IdTokenCredential idToken && tokens != null && accessToken != null) {
            return hash("session\n" + tenant + "\n" + idToken.getToken() + "\n" + accessToken + "\n" + tokens.getRefreshToken());
        }
        return null;
    }

    /** The tenant OIDC resolved for this request, or null before it has. */
    private static String resolvedTenant(RoutingContext routing) {
        OidcTenantConfig resolved = routing.get(OidcTenantConfig.class.getName());
        return resolved == null ? null : resolved.tenantId().orElse(OidcUtils.DEFAULT_TENANT_ID);
    }

    /** Only a token this request sent in its Authorization header: a session's tokens are keyed as a session. */
    private static boolean sentAsBearer(RoutingContext routing, String token) {
        String header = routing.request().getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.substring(7).strip().equals(token);
    }

    /** A JWT's {@code exp}, or null when the token is not a JWT or has none. */
    private static Instant expiry(String token) {
        JsonObject claims = token == null || token.chars().filter(c -> c == '.').count() != 2 ? null
                : OidcUtils.decodeJwtContent(token);
        Long exp = claims == null ? null : claims.getLong("exp");
        return exp == null ? null : Instant.ofEpochSecond(exp);
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

    /** SHA-256, hex: what a secret is remembered under (here and in {@link DecryptedSessionCookies}). */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
