package org.stepcalls.platform.web;

import java.util.Optional;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerResponse;

/** Headers every response carries; pages and API answers are never cached (they are personal). */
public class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'";

    void register(@Observes Filters filters, @ConfigProperty(name = "stepcalls.public-url") Optional<String> publicUrl) {
        boolean https = HttpsDeployment.isHttps(publicUrl.orElse(null));
        filters.register(context -> {
            HttpServerResponse response = context.response();
            response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            response.putHeader("X-Content-Type-Options", "nosniff");
            response.putHeader("Referrer-Policy", "no-referrer");
            response.putHeader("X-Frame-Options", "DENY");
            response.putHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
            if (https) {
                response.putHeader("Strict-Transport-Security", HttpsDeployment.STRICT_TRANSPORT_SECURITY);
            }
            if (!context.normalizedPath().startsWith("/static/")) {
                response.putHeader("Cache-Control", "no-store");
            }
            context.next();
        }, 10_000); // before the sign-in handlers, so their redirects carry the headers too
    }
}
