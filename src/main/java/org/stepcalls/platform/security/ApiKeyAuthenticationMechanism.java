package org.stepcalls.platform.security;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Discourse's way of signing a request: {@code Api-Key} and {@code Api-Username} headers (feeds may
 * carry them as {@code api_key}/{@code api_username} query parameters, as feed readers cannot set
 * headers). Asked before the OIDC mechanism; a request without a key is left to it, so bearer
 * tokens and session cookies work as before.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String KEY_HEADER = "Api-Key";
    public static final String USERNAME_HEADER = "Api-Username";

    /** What a request presents: the key and, for a key bound to nobody, whom it acts as. */
    public static final class ApiKeyRequest extends BaseAuthenticationRequest {
        final String key;
        final String username;

        ApiKeyRequest(String key, String username) {
            this.key = key;
            this.username = username;
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return presented(context)
                .map(request -> identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context)))
                .orElseGet(() -> Uni.createFrom().nullItem());
    }

    /** True when the request carries a key, so a refusal is answered as a key's refusal. */
    public static boolean carriesKey(RoutingContext context) {
        return presented(context).isPresent();
    }

    private static Optional<ApiKeyRequest> presented(RoutingContext context) {
        String key = context.request().getHeader(KEY_HEADER);
        String username = context.request().getHeader(USERNAME_HEADER);
        if (key == null && isFeed(context.normalizedPath())) {
            key = context.request().getParam("api_key");
            username = context.request().getParam("api_username");
        }
        return key == null ? Optional.empty() : Optional.of(new ApiKeyRequest(key.strip(), username == null ? null : username.strip()));
    }

    /** The feeds' own addresses (discourse.api.DiscourseFeeds): a slug never holds a "/" or a ";". */
    private static final Pattern FEED = Pattern.compile("/(latest|c/[^/;]+/\\d+|t/\\d+|t/[^/;]+/\\d+)\\.rss");

    /**
     * Whether a key may come in the query: on a feed's own address only. Routing ignores ";x.rss",
     * and a username may end in ".rss", so anything looser would let a plain link open another route.
     */
    static boolean isFeed(String path) {
        return FEED.matcher(path).matches();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1000; // before OIDC: a request with a key is the key's
    }
}
