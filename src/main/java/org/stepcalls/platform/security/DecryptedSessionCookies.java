package org.stepcalls.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.oidc.AuthorizationCodeTokens;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TokenStateManager;
import io.quarkus.oidc.runtime.DefaultTokenStateManager;
import io.quarkus.oidc.runtime.OidcUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * A browser session's tokens, decrypted once per session cookie instead of on every request. OIDC's
 * own state manager decrypts the cookie (a JWE: base64, a JSON header, an AES key unwrap, AES-GCM)
 * on each page, 9–10 % of a signed-in browser's latest page in the profile. What a cookie decrypts
 * to depends on the cookie alone, so a cookie that decrypted before is answered from memory: keyed
 * by the SHA-256 of the tenant and the whole cookie value, so only that exact cookie finds it, and a
 * tampered or forged cookie is decrypted — and refused — as before. Everything OIDC checks after
 * decrypting (the tokens' signatures and expiry, refresh, back-channel logout) still runs on every
 * request, and each request gets a copy of its own. An entry lives {@code stepcalls.token-cache.max-age}
 * at most; signing out forgets it. The tokens are no new copy in memory: the verified-token cache
 * ({@link VerifiedBearerTokens}) already keeps them as the session's credentials.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class DecryptedSessionCookies implements TokenStateManager {

    private final DefaultTokenStateManager oidc;
    private final Cache<String, AuthorizationCodeTokens> decrypted;
    private final boolean enabled;

    DecryptedSessionCookies(DefaultTokenStateManager oidc,
            @ConfigProperty(name = "stepcalls.token-cache.max-size", defaultValue = "10000") long maxSize,
            @ConfigProperty(name = "stepcalls.token-cache.max-age", defaultValue = "PT5M") Duration maxAge) {
        this.oidc = oidc;
        this.enabled = maxSize > 0;
        this.decrypted = Caffeine.newBuilder().maximumSize(Math.max(1, maxSize)).expireAfterWrite(maxAge).recordStats().build();
    }

    @Override
    public Uni<String> createTokenState(RoutingContext routing, OidcTenantConfig config, AuthorizationCodeTokens tokens,
            OidcRequestContext<String> context) {
        return oidc.createTokenState(routing, config, tokens, context);
    }

    @Override
    public Uni<AuthorizationCodeTokens> getTokens(RoutingContext routing, OidcTenantConfig config, String cookie,
            OidcRequestContext<AuthorizationCodeTokens> context) {
        if (!enabled || cookie == null || config.tokenStateManager().splitTokens()) {
            return oidc.getTokens(routing, config, cookie, context); // split tokens: more cookies than this one
        }
        String key = key(config, cookie);
        AuthorizationCodeTokens known = decrypted.getIfPresent(key);
        if (known != null) {
            return Uni.createFrom().item(copy(known));
        }
        return oidc.getTokens(routing, config, cookie, context).invoke(tokens -> {
            if (tokens != null) {
                decrypted.put(key, copy(tokens));
            }
        });
    }

    @Override
    public Uni<Void> deleteTokens(RoutingContext routing, OidcTenantConfig config, String cookie,
            OidcRequestContext<Void> context) {
        if (cookie != null) {
            decrypted.invalidate(key(config, cookie));
        }
        return oidc.deleteTokens(routing, config, cookie, context);
    }

    /** How many requests were answered without decrypting their cookie (tests). */
    long hits() {
        return decrypted.stats().hitCount();
    }

    /** Each request its own: OIDC may set a refreshed token on what it is given. */
    private static AuthorizationCodeTokens copy(AuthorizationCodeTokens tokens) {
        return new AuthorizationCodeTokens(tokens.getIdToken(), tokens.getAccessToken(), tokens.getRefreshToken(),
                tokens.getAccessTokenExpiresIn(), tokens.getAccessTokenScope());
    }

    private static String key(OidcTenantConfig config, String cookie) {
        String tenant = config.tenantId().orElse(OidcUtils.DEFAULT_TENANT_ID);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((tenant + "\n" + cookie).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
