package org.stepcalls.platform.web;

import jakarta.enterprise.event.Observes;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * A rejected bearer token on {@code /api/**} (expired, forged, wrong issuer) is refused before
 * any resource runs; answer it with the contract's JSON error like every other 401.
 */
public class ApiAuthenticationFailures {

    void register(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE).failureHandler(event -> {
            if (event.failure() instanceof AuthenticationFailedException && !event.response().headWritten()) {
                event.response().setStatusCode(401)
                        .putHeader("Content-Type", "application/json")
                        .putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                        .end(new JsonObject().put("error", "not_signed_in")
                                .put("message", "The access token was not accepted; sign in again.").encode());
            } else {
                event.next();
            }
        });
    }
}
