package org.stepcalls.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Several instances share one database, and each caches the categories — with who may read
 * them. A change another instance (or psql, or a newer version's migration) commits must reach
 * this one's cache: written here on a connection of the test's own, read back through the API.
 */
@QuarkusTest
class TableChangesTest {

    private static final String MEMBERS_READ = "{member,helpliner,coordinator,admin}";
    /** Only a bound on the wait, not a speed claimed: a change usually shows within milliseconds. */
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final ForumApiClient member = new ForumApiClient(TestUsers.member("tamsin"));

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TableChanges tableChanges;

    @Test
    void aCategoryTakenAwayFromMembersElsewhereIsGoneHereAtOnce() throws Exception {
        assertThat(readableSlugs()).contains("general"); // the cache holds General for members now
        try {
            sql("UPDATE categories SET read_roles = '{helpliner,coordinator,admin}' WHERE slug = 'general'");
            long tookMillis = awaitMillis(() -> !readableSlugs().contains("general"));
            System.out.printf("TableChangesTest: a category changed by another connection reached the cache in %d ms%n",
                    tookMillis);
            member.get("/api/topics?category=general").statusCode(404);
        } finally {
            sql("UPDATE categories SET read_roles = '" + MEMBERS_READ + "' WHERE slug = 'general'");
        }
        awaitMillis(() -> readableSlugs().contains("general"));
    }

    @Test
    void aChangeMadeWhileTheListenerIsCutOffIsStillSeenWhenItReconnects() throws Exception {
        assertThat(readableSlugs()).contains("general");
        int before = listenerPid();
        try {
            // as a database restart does: the listening connection goes, and the change lands before it is back
            sql("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = '"
                    + TableChanges.APPLICATION_NAME + "'; UPDATE categories SET description = 'Renamed while deaf' "
                    + "WHERE slug = 'general'");
            awaitMillis(() -> tableChanges.isListening() && listenerPidOrZero() != 0 && listenerPidOrZero() != before);
            awaitMillis(() -> member.get("/api/categories").extract().jsonPath()
                    .getString("find { it.slug == 'general' }.description").equals("Renamed while deaf"));
        } finally {
            sql("UPDATE categories SET description = 'Conversation among members.' WHERE slug = 'general'");
        }
        awaitMillis(() -> member.get("/api/categories").extract().jsonPath()
                .getString("find { it.slug == 'general' }.description").equals("Conversation among members."));
    }

    @Test
    void aTopicOpensWhenItsViewIsTheOneThatReadsTheCategoriesAgain() throws Exception {
        long topic = member.createTopicId("general", "Opened right after a category changed", "Still readable.");
        long before = tableChanges.version("categories");
        try {
            sql("UPDATE categories SET description = 'Changed under a topic view' WHERE slug = 'general'");
            awaitMillis(() -> tableChanges.version("categories") != before);
            // the cache is stale: this view's own request loads the categories (BackupRestoreIT met a 503 here)
            member.topic(topic).statusCode(200);
        } finally {
            sql("UPDATE categories SET description = 'Conversation among members.' WHERE slug = 'general'");
        }
    }

    @Test
    void everyCachedTableHasItsChangeTrigger() throws Exception {
        assertThat(tableChanges.version("categories")).as("categories are cached while the listener hears changes")
                .isNotEqualTo(TableChanges.UNKNOWN);
    }

    private List<String> readableSlugs() {
        return member.get("/api/categories").statusCode(200).extract().jsonPath().getList("slug", String.class);
    }

    private int listenerPid() throws SQLException {
        int pid = listenerPidOrZero();
        assertThat(pid).as("the listening connection in pg_stat_activity").isNotZero();
        return pid;
    }

    private int listenerPidOrZero() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT coalesce(max(pid), 0) FROM pg_stat_activity WHERE application_name = '"
                        + TableChanges.APPLICATION_NAME + "'")) {
            row.next();
            return row.getInt(1);
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private void sql(String statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(statements);
        }
    }

    private static long awaitMillis(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long started = System.nanoTime();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - started).as("waited for the change to show").isLessThan(PATIENCE.toNanos());
            Thread.sleep(10);
        }
        return (System.nanoTime() - started) / 1_000_000;
    }
}
