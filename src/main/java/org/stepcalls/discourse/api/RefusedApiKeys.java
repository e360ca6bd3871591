package org.stepcalls.discourse.api;

import jakarta.enterprise.event.Observes;

import org.stepcalls.discourse.JsonFields;
import org.stepcalls.platform.security.ApiKeyAuthenticationMechanism;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;

/**
 * A key that is unknown, revoked, or bound to someone else than {@code Api-Username} is refused at
 * sign-in, before any resource runs: answer as Discourse does, 403 {@code invalid_access}. (On
 * {@code /api/**} the contract's own 401 answers it.)
 */
public class RefusedApiKeys {

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).failureHandler(event -> {
            if (event.failure() instanceof AuthenticationFailedException && !event.response().headWritten()
                    && !event.normalizedPath().startsWith("/api/") && ApiKeyAuthenticationMechanism.carriesKey(event)) {
                event.response().setStatusCode(403).putHeader("Content-Type", DiscourseResponses.JSON)
                        .end(Json.encode(new JsonFields()
                                .with("errors", java.util.List.of("You are not permitted to view the requested resource. "
                                        + "The API username or key is invalid."))
                                .with("error_type", "invalid_access")));
            } else {
                event.next();
            }
        });
    }
}
