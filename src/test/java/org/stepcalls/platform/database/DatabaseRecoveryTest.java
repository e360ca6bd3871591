package org.stepcalls.platform.database;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stepcalls.Eventually;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Issue 19: the embedded PostgreSQL dies (or is stopped) behind the application's back. These
 * tests break the suite's own database on purpose; each leaves it running and the application
 * ready again before it ends (see {@link #databaseIsBackForTheNextTest}), so the tests after them
 * are not disturbed.
 */
@QuarkusTest
class DatabaseRecoveryTest {

    private static final Duration READY_WITHIN = Duration.ofSeconds(15);

    @Inject
    AgroalDataSource dataSource;

    private Path movedAway;
    private Path dataDirectory;

    @Test
    void aKilledPostgresqlIsRestartedUnderWritesAndLivenessStaysUp() throws Exception {
        ForumApiClient sam = new ForumApiClient(TestUsers.member("sam"));
        long topic = sam.createTopicId("general", "Writes while the database is killed", "The first post.");
        Path data = dataDirectory();
        long postmaster = postmasterPid(data);

        Map<Long, Boolean> saved = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Integer> refusals = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> refusalCodes = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> liveness = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(3);
        for (int writer = 0; writer < 2; writer++) {
            writers.submit(() -> {
                for (int n = 0; writing.get(); n++) {
                    Response response = sam.reply(topic, "Write " + n + " from " + Thread.currentThread().getName())
                            .extract().response();
                    if (response.statusCode() / 100 == 2) {
                        saved.put(response.jsonPath().getLong("id"), true);
                    } else {
                        refusals.add(response.statusCode());
                        refusalCodes.add(String.valueOf(response.jsonPath().getString("error")));
                    }
                }
            });
        }
        writers.submit(() -> {
            while (writing.get()) {
                liveness.add(given().get("/q/health/live").statusCode());
                pause(200);
            }
        });
        java.time.Instant killedAtClock = java.time.Instant.now(); // the first postmaster started before this
        try {
            pause(1500);
            int savedBeforeKill = saved.size();
            ProcessHandle.of(postmaster).orElseThrow().destroyForcibly(); // SIGKILL, as an OOM killer sends
            long killedAt = System.nanoTime();
            Duration recovered = waitUntilReady();
            System.out.printf("Recovered from kill -9 of the postmaster in %d ms (%d writes saved before, %d refused)%n",
                    recovered.toMillis(), savedBeforeKill, refusals.size());
            int savedAtRecovery = saved.size();
            Duration sinceKill = Duration.ofNanos(System.nanoTime() - killedAt);
            Eventually.within(Duration.ofSeconds(15), () -> saved.size() > savedAtRecovery); // a bound, not a speed claimed
            assertThat(savedBeforeKill).as("writes before the kill").isPositive();
            assertThat(saved.size()).as("writes after the restart").isGreaterThan(savedAtRecovery);
            assertThat(sinceKill).isLessThan(READY_WITHIN.plusSeconds(1));
        } finally {
            writing.set(false);
            writers.shutdown();
            writers.awaitTermination(30, TimeUnit.SECONDS);
        }
        // the server's own start time, not postmaster.pid: reading the file raced its rewrite by the restarted server
        assertThat(postmasterStartedAt()).as("a new postmaster").isAfter(killedAtClock);
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).as("the killed postmaster").isFalse();
        assertThat(liveness).isNotEmpty().containsOnly(200);
        // a write refused while the database was away says so (503), never a 500 or a stack trace
        assertThat(refusals).containsOnly(503);
        assertThat(refusalCodes).containsOnly("database_unavailable");
        assertThat(missingFromTheDatabase(saved.keySet().stream().toList())).as("answered 2xx but lost").isEmpty();
    }

    @Test
    void aPostgresqlStoppedBehindTheAppsBackIsStartedAgain() throws Exception {
        Path data = dataDirectory();
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid(data)).orElseThrow();
        // without waiting: pg_ctl would wait for a postmaster.pid that the restarted server writes anew
        PostgresServer.run(PostgresServer.command(binDirectory(), "pg_ctl",
                List.of("stop", "-D", data.toString(), "-m", "fast", "-W")), null);
        postmaster.onExit().get(30, TimeUnit.SECONDS);
        Duration recovered = waitUntilReady();
        System.out.printf("Recovered from pg_ctl stop in %d ms%n", recovered.toMillis());
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void whenRestartsKeepFailingLivenessGoesDown() throws Exception {
        Path data = dataDirectory();
        long postmaster = postmasterPid(data);
        // root ignores file modes: the data directory goes away instead
        movedAway = data.resolveSibling(data.getFileName() + "-away");
        dataDirectory = data;
        Files.move(data, movedAway);
        ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Response live;
        do {
            pause(250);
            live = given().get("/q/health/live").then().extract().response();
        } while (live.statusCode() == 200 && System.nanoTime() < deadline);
        assertThat(live.statusCode()).isEqualTo(503);
        assertThat(live.asString()).contains("DOWN").contains("restarts in a row failed");

        long asked = System.nanoTime();
        Response api = new ForumApiClient(TestUsers.member("sam")).get("/api/topics?category=general").extract().response();
        assertThat(api.statusCode()).isEqualTo(503);
        assertThat(api.jsonPath().getString("error")).isEqualTo("database_unavailable");
        assertThat(api.asString()).doesNotContain("Exception").doesNotContain("\tat ");
        // the pool waits 3 s for a connection; 10 s leaves a slow machine room and still catches a hang
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("no hang beyond the pool's timeout")
                .isLessThan(Duration.ofSeconds(10));
        given().get("/q/health/ready").then().statusCode(503);
    }

    /** Puts a moved data directory back and waits for the supervisor to bring the server up. */
    @AfterEach
    void databaseIsBackForTheNextTest() throws Exception {
        if (movedAway != null) {
            Files.move(movedAway, dataDirectory);
            movedAway = null;
        }
        waitUntilReady();
        given().get("/q/health/live").then().statusCode(200);
    }

    private Duration waitUntilReady() {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(30).toNanos();
        while (given().get("/q/health/ready").statusCode() != 200) {
            assertThat(System.nanoTime()).as("ready again in time").isLessThan(deadline);
            pause(100);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private Path dataDirectory() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT current_setting('data_directory')")) {
            result.next();
            return Path.of(result.getString(1));
        }
    }

    private static Path binDirectory() throws Exception {
        return PostgresBinaries.unpack(EmbeddedDatabase.defaultWorkDirectory());
    }

    private static long postmasterPid(Path data) throws Exception {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
    }

    private java.time.Instant postmasterStartedAt() throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT pg_postmaster_start_time()");
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getObject(1, java.time.OffsetDateTime.class).toInstant();
        }
    }

    private List<Long> missingFromTheDatabase(List<Long> ids) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT array_agg(id) FROM unnest(?::bigint[]) AS wanted(id) WHERE id NOT IN (SELECT id FROM posts)")) {
            statement.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                java.sql.Array missing = result.getArray(1);
                return missing == null ? List.of() : List.of((Long[]) missing.getArray());
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
