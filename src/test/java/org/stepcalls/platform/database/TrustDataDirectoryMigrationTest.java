package org.stepcalls.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: a data directory made before passwords were required (initdb with {@code trust}, as
 * zonky does) is locked down at the next start, and keeps its data. A server of its own, beside the
 * suite's.
 */
class TrustDataDirectoryMigrationTest {

    @TempDir
    Path temp;

    @Test
    void aTrustDataDirectoryIsLockedAtStartAndKeepsItsData() throws Exception {
        Path bin = PostgresBinaries.unpack(EmbeddedDatabase.defaultWorkDirectory());
        Path data = temp.resolve("data");
        int oldPort = freePort();
        // as the old code made it: every local connection trusted
        PostgresServer.run(PostgresServer.command(bin, "initdb",
                List.of("-A", "trust", "-U", "postgres", "-D", data.toString(), "-E", "UTF-8")), null);
        Process old = new ProcessBuilder(PostgresServer.command(bin, "postgres",
                List.of("-D", data.toString(), "-p", Integer.toString(oldPort), "-c", "listen_addresses=localhost")))
                .redirectErrorStream(true).redirectOutput(temp.resolve("old.log").toFile()).start();
        try {
            try (Connection connection = waitForTrustedConnection(oldPort); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (name text)");
                statement.execute("INSERT INTO kept VALUES ('Maggie''s row')");
            }
        } finally {
            PostgresServer.run(PostgresServer.command(bin, "pg_ctl", List.of("stop", "-D", data.toString(), "-m", "fast", "-w")), null);
            old.waitFor();
        }

        PostgresServer server = new PostgresServer(bin, data, freePort(), "stepcalls-migration-test", true);
        server.prepare(PostgresServer.newPassword());
        Process postmaster = server.start();
        try {
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), credentials(null)))
                    .isInstanceOf(SQLException.class).hasMessageContaining("no password was provided");
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), credentials("trust-me")))
                    .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01");
            try (Connection connection = server.connect(); Statement statement = connection.createStatement();
                    ResultSet kept = statement.executeQuery("SELECT name FROM kept")) {
                assertThat(kept.next()).isTrue();
                assertThat(kept.getString(1)).isEqualTo("Maggie's row");
            }
            assertThat(Files.readAllLines(data.resolve("pg_hba.conf"))).noneMatch(line -> !line.startsWith("#") && line.contains("trust"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(PostgresServer.PASSWORD_FILE))))
                    .isEqualTo("rw-------");
        } finally {
            server.stop(postmaster.toHandle());
        }
    }

    private static Connection waitForTrustedConnection(int port) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", credentials(null));
            } catch (SQLException notYet) {
                if (attempt > 100) {
                    throw notYet;
                }
                Thread.sleep(100);
            }
        }
    }

    private static Properties credentials(String password) {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
