package org.stepcalls.platform.web;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The pages' sign-in rule: a signed-out visitor is sent to sign in. A {@code .json} or {@code .rss}
 * address beside a page ({@code /t/5.json}) is for programs, which cannot follow a sign-in page:
 * its resource answers a signed-out request itself (403 in JSON), never a redirect.
 */
@ApplicationScoped
public class PagesNeedSignIn implements HttpSecurityPolicy {

    public static final String NAME = "pages-need-sign-in";

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext requestContext) {
        boolean forPrograms = request.normalizedPath().endsWith(".json") || request.normalizedPath().endsWith(".rss");
        return identity.map(who -> !who.isAnonymous() || forPrograms ? CheckResult.PERMIT : CheckResult.DENY);
    }

    @Override
    public String name() {
        return NAME;
    }
}
