package org.stepcalls.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 10, R16: an INSERT that PostgreSQL refuses — here a CHECK planted on {@code posts} — leaves
 * no trace of the row in the application's log nor in PostgreSQL's own (which used to say
 * "Failing row contains (...)", the values included).
 */
@QuarkusTest
class NoRowContentsInTheLogsTest {

    private static final Path APP_LOG = Path.of("target/stepcalls-test.log");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRefusedInsertLeavesNoRowContentsInEitherLog() throws Exception {
        String marker = "Plantedvalue" + UUID.randomUUID().toString().replace("-", "");
        execute("ALTER TABLE posts ADD CONSTRAINT planted_refusal CHECK (position('Plantedvalue' in body) = 0) NOT VALID");
        try {
            int status = new ForumApiClient(TestUsers.member("maggie")).createTopic("general", "A topic refused by a planted check",
                    "Written by Maggie: " + marker).extract().statusCode();
            assertThat(status).as("the planted check refused the post").isGreaterThanOrEqualTo(400);
        } finally {
            execute("ALTER TABLE posts DROP CONSTRAINT planted_refusal");
        }

        assertThat(Files.readString(APP_LOG)).contains("stepcalls").doesNotContain(marker);
        List<Path> serverLogs = serverLogs();
        assertThat(serverLogs).isNotEmpty();
        String serverLog = String.join("\n", serverLogs.stream().map(NoRowContentsInTheLogsTest::read).toList());
        assertThat(serverLog).contains("database system is ready to accept connections") // really the server's log
                .doesNotContain(marker).doesNotContain("Failing row").doesNotContain("planted_refusal");
    }

    private List<Path> serverLogs() throws Exception {
        Path logDirectory = Path.of(query("SELECT current_setting('data_directory')")).resolve(PostgresServer.LOG_DIRECTORY);
        try (Stream<Path> files = Files.list(logDirectory)) {
            return files.toList();
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String query(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
