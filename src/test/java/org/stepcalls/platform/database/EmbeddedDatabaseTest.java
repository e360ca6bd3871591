package org.stepcalls.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EmbeddedDatabaseTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EmbeddedDatabaseLifecycle lifecycle;

    @ConfigProperty(name = "stepcalls.embedded-database.cluster-name")
    String clusterName;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void datasourceReachesTheServerWeStarted() throws Exception {
        assertThat(clusterName).startsWith("stepcalls-");
        assertThat(lifecycle.clusterName()).isEqualTo(clusterName);
        assertThat(jdbcUrl).doesNotContain(":5432/");
    }

    @Test
    void testsRunOnAThrowawayDataDirectoryOfARealPostgresql() throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT current_setting('data_directory'), version()")) {
            result.next();
            assertThat(result.getString(1)).contains("stepcalls-db-");
            assertThat(result.getString(2)).startsWith("PostgreSQL 18");
        }
    }

    @Test
    void startingTwiceInOneJvmReusesTheRunningServer() {
        EmbeddedDatabase.Coordinates again = EmbeddedDatabase.startOrReuse(null, EmbeddedDatabase.defaultWorkDirectory());
        assertThat(again.clusterName()).isEqualTo(clusterName);
    }
}
