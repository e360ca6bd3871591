package org.stepcalls.platform.database;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN when the embedded PostgreSQL exited and could not be restarted (a full disk, a data
 * directory gone): only restarting the whole application can help then, and a process manager
 * does that on a failing liveness check. A database being restarted, or an external one that is
 * unreachable, is a matter for readiness, not liveness.
 */
@Liveness
@ApplicationScoped
public class EmbeddedDatabaseLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Embedded PostgreSQL");
        if (!EmbeddedDatabase.supervised()) {
            return response.up().withData("supervised", false).build();
        }
        response.withData("restarts", EmbeddedDatabase.restarts());
        return EmbeddedDatabase.failure().map(reason -> response.down().withData("reason", reason))
                .orElseGet(response::up).build();
    }
}
