package org.stepcalls.platform.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Checks at startup that the datasource reaches the embedded server we started, has the pool drop
 * its dead connections whenever the supervisor restarted that server, and stops the server when the
 * application stops (but not on a dev-mode reload, which reuses it).
 */
@ApplicationScoped
public class EmbeddedDatabaseLifecycle {

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "stepcalls.embedded-database.cluster-name")
    Optional<String> expectedClusterName;

    void onStart(@Observes StartupEvent event) throws SQLException {
        if (expectedClusterName.isEmpty()) {
            return;
        }
        String actual = clusterName();
        if (!expectedClusterName.get().equals(actual)) {
            throw new IllegalStateException("The datasource does not reach the embedded PostgreSQL this application started"
                    + " (expected cluster " + expectedClusterName.get() + ", found " + actual
                    + "). Set QUARKUS_DATASOURCE_JDBC_URL explicitly.");
        }
        // after a crash every pooled connection is dead: without this, each would fail one request
        EmbeddedDatabase.afterRestart(() -> dataSource.flush(AgroalDataSource.FlushMode.ALL));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT) {
            EmbeddedDatabase.stop();
        } else {
            EmbeddedDatabase.release();
        }
    }

    /** The {@code cluster_name} of the server the datasource reaches. */
    public String clusterName() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW cluster_name")) {
            result.next();
            return result.getString(1);
        }
    }
}
