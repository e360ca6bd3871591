package org.stepcalls.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import org.postgresql.core.BaseConnection;

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

    @Test
    void withoutThePasswordNobodyGetsIn() {
        // issue 10: the server used to trust every local connection, as superuser
        assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl, credentials("postgres", null)))
                .isInstanceOf(SQLException.class).hasMessageContaining("no password was provided");
        assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl, credentials("postgres", "postgres")))
                .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01");
        assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl, credentials("root", null)))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void theServerListensOn127001AloneAndItsPasswordFileIsTheOwnersOnly() throws Exception {
        assertThat(setting("listen_addresses")).isEqualTo("127.0.0.1");
        assertThat(setting("unix_socket_directories")).isEmpty();
        assertThat(setting("password_encryption")).isEqualTo("scram-sha-256");
        Path data = Path.of(setting("data_directory"));
        assertThat(Files.readAllLines(data.resolve("pg_hba.conf")))
                .filteredOn(line -> !line.isBlank() && !line.startsWith("#"))
                .containsExactly("host    all    all    127.0.0.1/32    scram-sha-256");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(PostgresServer.PASSWORD_FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void neitherLogHoldsAStatementOrAnErrorDetail() throws Exception {
        assertThat(setting("log_error_verbosity")).isEqualTo("terse");
        assertThat(setting("log_min_error_statement")).isEqualTo("panic");
        assertThat(setting("log_min_messages")).isEqualTo("log");
        assertThat(setting("log_statement")).isEqualTo("none");
        try (Connection connection = dataSource.getConnection()) {
            // set through the datasource's JDBC properties, so it holds for an external database too
            assertThat(connection.unwrap(BaseConnection.class).getLogServerErrorDetail()).isFalse();
        }
    }

    private String setting(String name) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT current_setting('" + name + "')")) {
            result.next();
            return result.getString(1);
        }
    }

    private static Properties credentials(String user, String password) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }
}
