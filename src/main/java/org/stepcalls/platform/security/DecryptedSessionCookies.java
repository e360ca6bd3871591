package org.stepcalls.platform.security;

import java.time.Duration;
import java.util.Base64;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.oidc.AuthorizationCodeTokens;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.runtime.DefaultTokenStateManager;
import io.quarkus.oidc.runtime.OidcUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * A browser session's tokens, decrypted once per session cookie instead of on every request. OIDC's
 * state manager decrypts the cookie (a JWE: base64, a JSON header, an AES key unwrap, AES-GCM) on
 * each page, 9–10 % of a signed-in browser's latest page in the profile. What a cookie decrypts to
 * depends on the cookie alone (and the tenant's fixed settings), so a cookie that decrypted before is
 * answered from memory: keyed by the SHA-256 of the tenant and the whole cookie value, so only that
 * exact cookie finds it, and a tampered or forged cookie is decrypted — and refused — as before.
 * Only cookies spelt exactly as OIDC writes them are remembered: the JWE parser also accepts
 * respellings of one cookie (stray characters, padding, unused bits, bytes moved between the
 * ciphertext and the tag), with which one session could push everyone else's entries out.
 * Everything OIDC checks after decrypting (the tokens' signatures and expiry, refresh, sign-out)
 * still runs on every request, and each request gets a copy of its own. An entry lives
 * {@code stepcalls.token-cache.max-age} at most (the cookie itself stays valid as long as without
 * this; signing out drops its entry on this instance, which revokes nothing).
 * <p>
 * It extends OIDC's own manager rather than wrapping it: OIDC encrypts each token once more when the
 * state manager is not a {@link DefaultTokenStateManager} (a cookie half as long again, three
 * decryptions per page, and every earlier cookie unreadable). Quarkus's database or Redis state
 * managers would be a second alternative: adding one means removing this class.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class DecryptedSessionCookies extends DefaultTokenStateManager {

    private final Cache<String, AuthorizationCodeTokens> decrypted;
    private final boolean enabled;

    DecryptedSessionCookies(@ConfigProperty(name = "stepcalls.token-cache.max-size", defaultValue = "10000") long maxSize,
            @ConfigProperty(name = "stepcalls.token-cache.max-age", defaultValue = "PT5M") Duration maxAge) {
        this.enabled = maxSize > 0;
        this.decrypted = Caffeine.newBuilder().maximumSize(Math.max(1, maxSize)).expireAfterWrite(maxAge).recordStats().build();
    }

    @Override
    public Uni<AuthorizationCodeTokens> getTokens(RoutingContext routing, OidcTenantConfig config, String cookie,
            OidcRequestContext<AuthorizationCodeTokens> context) {
        if (!enabled || config.tokenStateManager().splitTokens() || !canonical(cookie)) {
            return super.getTokens(routing, config, cookie, context); // split tokens: more cookies than this one
        }
        String key = key(config, cookie);
        AuthorizationCodeTokens known = decrypted.getIfPresent(key);
        if (known != null) {
            return Uni.createFrom().item(copy(known));
        }
        return super.getTokens(routing, config, cookie, context).invoke(tokens -> {
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
        return super.deleteTokens(routing, config, cookie, context);
    }

    /** How many requests were answered without decrypting their cookie (tests). */
    long hits() {
        return decrypted.stats().hitCount();
    }

    /**
     * Whether the cookie is a compact JWE as OIDC writes one — A256GCM content with a 96-bit IV and a
     * 128-bit tag, its key wrapped (A256GCMKW: 32 bytes) or direct (none) — and every part base64url
     * exactly as an encoder writes it: one spelling per cookie, however leniently the parser reads others.
     */
    static boolean canonical(String cookie) {
        String[] parts = cookie == null ? new String[0] : cookie.split("\\.", -1); // split's fast path: no regex
        if (parts.length != 5 || parts[0].isEmpty() || parts[3].isEmpty() || !(parts[1].isEmpty() || parts[1].length() == 43)
                || parts[2].length() != 16 || parts[4].length() != 22) {
            return false; // the parser joins ciphertext and tag again, so only fixed lengths fix the split
        }
        for (String part : parts) { // the URL decoder refuses any character outside base64url
            try {
                if (!URL_ENCODER.encodeToString(URL_DECODER.decode(part)).equals(part)) {
                    return false;
                }
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
        }
        return true;
    }

    private static final Base64.Encoder URL_ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

    /** Each request its own: OIDC may set a refreshed token on what it is given. */
    private static AuthorizationCodeTokens copy(AuthorizationCodeTokens tokens) {
        return new AuthorizationCodeTokens(tokens.getIdToken(), tokens.getAccessToken(), tokens.getRefreshToken(),
                tokens.getAccessTokenExpiresIn(), tokens.getAccessTokenScope());
    }

    private static String key(OidcTenantConfig config, String cookie) {
        return VerifiedBearerTokens.hash(config.tenantId().orElse(OidcUtils.DEFAULT_TENANT_ID) + "\n" + cookie);
    }
}
