package org.stepcalls.platform.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Signs the warm-up's own requests in as {@link Nobody}, so a restarted instance has served the
 * signed-in latest page — sign-in, header counts, the signed-in layout — before it reports ready. The
 * key ({@link #HEADER}) lives only in this process's memory while it warms up, and opens {@code GET /}
 * without a query (the latest page's first screen) and nothing else: any other use of the header is
 * refused, as is a wrong, expired or retired key, whatever other credentials the request carries.
 * Requests without the header are left to the other mechanisms.
 */
@ApplicationScoped
public class WarmUpKeyMechanism implements HttpAuthenticationMechanism {

    public static final String HEADER = "Stepcalls-Warm-Up";

    private final Nobody nobody;

    WarmUpKeyMechanism(Nobody nobody) {
        this.nobody = nobody;
    }

    /** What the warm-up's request presents; its provider checks the key again. */
    static final class NobodyRequest extends BaseAuthenticationRequest {
        final String key;

        private NobodyRequest(String key) {
            this.key = key;
        }
    }

    /** A refused warm-up key is answered 401 as it is, not turned into a sign-in redirect as a page's refusal is. */
    void answerRefusals(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).failureHandler(event -> {
            if (event.failure() instanceof AuthenticationFailedException && !event.response().headWritten()
                    && event.request().getHeader(HEADER) != null) {
                event.response().setStatusCode(401).putHeader("Content-Type", "text/plain;charset=UTF-8")
                        .end("Warm-up key not accepted\n");
            } else {
                event.next();
            }
        });
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String key = context.request().getHeader(HEADER);
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        if (context.request().method() != HttpMethod.GET || !"/".equals(context.normalizedPath())
                || context.request().query() != null || !nobody.isWarmUpKey(key)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Warm-up key not accepted"));
        }
        return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new NobodyRequest(key), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(NobodyRequest.class);
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 2000; // before API keys and OIDC: a request with the header is decided here
    }

    /** Nobody's identity for a request the mechanism has let through; augmentors run on it as on any. */
    @ApplicationScoped
    static class NobodyProvider implements IdentityProvider<NobodyRequest> {

        private final Nobody nobody;

        NobodyProvider(Nobody nobody) {
            this.nobody = nobody;
        }

        @Override
        public Class<NobodyRequest> getRequestType() {
            return NobodyRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(NobodyRequest request, AuthenticationRequestContext context) {
            if (!nobody.isWarmUpKey(request.key)) { // retired between the mechanism's look and now
                return Uni.createFrom().failure(new AuthenticationFailedException("Warm-up key not accepted"));
            }
            return Uni.createFrom().item(Nobody.IDENTITY);
        }
    }
}
