package org.stepcalls.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Issue 15: the packaged app on an external PostgreSQL that is restarted under writes — once with
 * a fast shutdown, once killed ({@code kill -9}). While it is down each write is answered 503 with
 * the error JSON within the pool's 3 s acquisition timeout, readiness goes DOWN; the app comes back
 * by itself once the database does, readiness UP; every write answered 2xx is in the database.
 * The app logs JSON lines here (QUARKUS_LOG_CONSOLE_JSON=true), and the caller-like name and drama
 * number planted in every write reach neither its log nor its metrics. Sign-in: the WireMock OIDC
 * server the unit tests use, so no Keycloak has to start.
 */
class ExternalDatabaseRestartIT {

    private static final String PLANTED_NAME = "Zebedina";
    private static final String PLANTED_NUMBER = "07700 900417";
    private static final Duration WRITES_BETWEEN = Duration.ofSeconds(4);
    private static final Duration DOWN_FOR = Duration.ofSeconds(5);
    /** The pool's acquisition timeout (3 s) plus a margin for a loaded two-core machine. */
    private static final Duration NO_ANSWER_SLOWER_THAN = Duration.ofSeconds(6);

    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> readiness = new ConcurrentLinkedQueue<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong slowestRefusalMillis = new AtomicLong();
    private final AtomicLong lastAcknowledgedAt = new AtomicLong();

    @Test
    void theAppRidesOutAFastShutdownAndAKilledPostgresqlLosingNoAcknowledgedWrite() throws Exception {
        Path work = Files.createTempDirectory("stepcalls-restart-it");
        OidcWiremockTestResource oidc = new OidcWiremockTestResource();
        String keycloakUrl = oidc.start().get("keycloak.url");
        PostgresServer database = new PostgresServer(PostgresBinaries.unpack(EmbeddedDatabase.defaultWorkDirectory()),
                work.resolve("pg"), PackagedApp.freePort(), "stepcalls-external-it", true);
        database.prepare(PostgresServer.newPassword());
        Process postmaster = database.start();
        ExecutorService load = Executors.newFixedThreadPool(5);
        AtomicBoolean running = new AtomicBoolean(true);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        PackagedApp app = null;
        try {
            app = PackagedApp.start(keycloakUrl, Map.of("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                    "QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER, "QUARKUS_DATASOURCE_PASSWORD", database.password(),
                    "STEPCALLS_MASTER_KEY", Base64.getEncoder().encodeToString(key),
                    "STEPCALLS_SESSION_SECRET", Base64.getEncoder().encodeToString(key) + "-session",
                    "STEPCALLS_KEYRING_DIR", work.resolve("keyring").toString(), "QUARKUS_LOG_CONSOLE_JSON", "true"), work, "restart");
            String appUrl = app.url;
            String token = "Bearer " + TestUsers.helpliner("rhiannon");
            long topic = PackagedApp.id(app.post("/api/topics", token,
                    "{\"category\": \"general\", \"title\": \"Writes through a database restart\", \"body\": \"First.\"}"), 201);
            for (int writer = 0; writer < 4; writer++) {
                load.submit(() -> write(appUrl, token, topic, running));
            }
            load.submit(() -> watchReadiness(appUrl, running));

            Thread.sleep(WRITES_BETWEEN.toMillis());
            database.stop(postmaster.toHandle()); // pg_ctl stop -m fast
            Duration fast = downThenUp(database, "fast shutdown");
            postmaster = lastStarted;

            Thread.sleep(WRITES_BETWEEN.toMillis());
            postmaster.destroyForcibly(); // SIGKILL to the postmaster, as the OOM killer sends
            postmaster.waitFor();
            Duration killed = downThenUp(database, "kill -9");
            postmaster = lastStarted;
            Thread.sleep(WRITES_BETWEEN.toMillis());
            running.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            List<Long> missing = missing(database);
            String metrics = app.metrics();
            Matcher unavailable = Pattern.compile(
                    "http_server_requests_seconds_count\\{[^}]*status=\"503\"[^}]*uri=\"(/api/topics/\\{id}/posts)\"[^}]*} (\\S+)")
                    .matcher(metrics);
            System.out.printf("%nPostgreSQL restarts under writes (packaged app, external database):%n"
                    + "  %d write requests: %d acknowledged (2xx), %d refused %s%n"
                    + "  slowest refusal %d ms (pool timeout 3000 ms); readiness seen: %s%n"
                    + "  writes again %d ms after PostgreSQL was back (fast shutdown), %d ms (kill -9)%n"
                    + "  acknowledged vs found in the database: %d vs %d%n"
                    + "  metrics: 503s counted under %s%n",
                    requests.get(), acknowledged.size(), refusals.size(), summary(refusals),
                    slowestRefusalMillis.get(), summary(readiness), fast.toMillis(), killed.toMillis(), acknowledged.size(),
                    acknowledged.size() - missing.size(), unavailable.find() ? unavailable.group(1) : "(none)");

            assertThat(missing).as("answered 2xx but not in the database").isEmpty();
            assertThat(refusals).as("every refusal is 503 database_unavailable as JSON, never a stack trace").isNotEmpty()
                    .containsOnly("503 database_unavailable");
            assertThat(slowestRefusalMillis.get()).isLessThan(NO_ANSWER_SLOWER_THAN.toMillis());
            assertThat(readiness).contains("DOWN", "UP");
            assertThat(fast).isLessThan(Duration.ofSeconds(10));
            assertThat(killed).isLessThan(Duration.ofSeconds(10));
            assertLogsAreJsonWithoutPlantedValues(PackagedApp.log("restart"), metrics);
        } finally {
            running.set(false);
            load.shutdownNow();
            if (app != null) {
                app.close();
            }
            if (lastStarted != null && lastStarted.isAlive()) {
                database.stop(lastStarted.toHandle());
            } else if (postmaster.isAlive()) {
                database.stop(postmaster.toHandle());
            }
            oidc.stop();
            PostgresBinaries.deleteTree(work);
        }
    }

    private Process lastStarted;

    /**
     * Keeps the database down a while, starts it again and returns how long after it accepted
     * connections the app acknowledged a write again.
     */
    private Duration downThenUp(PostgresServer database, String how) throws Exception {
        Thread.sleep(DOWN_FOR.toMillis());
        assertThat(readiness).as("readiness DOWN while the database is (" + how + ")").contains("DOWN");
        lastStarted = startAgain(database);
        long up = System.nanoTime();
        long deadline = up + TimeUnit.SECONDS.toNanos(30);
        while (lastAcknowledgedAt.get() < up && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return Duration.ofNanos(lastAcknowledgedAt.get() - up);
    }

    /** After a kill -9 the old server's children may hold its shared memory a moment: retry. */
    private static Process startAgain(PostgresServer database) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return database.start();
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(250);
            }
        }
    }

    private void write(String appUrl, String token, long topic, AtomicBoolean running) {
        for (int n = 0; running.get(); n++) {
            long started = System.nanoTime();
            try {
                HttpResponse<String> response = PackagedApp.send(HttpRequest.newBuilder(URI.create(appUrl + "/api/topics/" + topic + "/posts"))
                        .header("Authorization", token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"body\": \"Write " + n + ": " + PLANTED_NAME + " rang from "
                                + PLANTED_NUMBER + "\"}")));
                requests.incrementAndGet();
                if (response.statusCode() / 100 == 2) {
                    Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(response.body());
                    assertThat(id.find()).isTrue();
                    acknowledged.add(Long.parseLong(id.group(1)));
                    lastAcknowledgedAt.set(System.nanoTime());
                } else {
                    slowestRefusalMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                    Matcher error = Pattern.compile("\"error\"\\s*:\\s*\"([a-z_]+)\"").matcher(response.body());
                    boolean clean = !response.body().contains("Exception") && !response.body().contains("\tat ");
                    refusals.add(response.statusCode() + " " + (error.find() && clean ? error.group(1) : response.body()));
                    Thread.sleep(50);
                }
            } catch (Exception failed) {
                refusals.add("no answer: " + failed.getClass().getSimpleName());
            }
        }
    }

    private void watchReadiness(String appUrl, AtomicBoolean running) {
        String last = "";
        while (running.get()) {
            try {
                HttpResponse<String> ready = PackagedApp.send(HttpRequest.newBuilder(URI.create(appUrl + "/q/health/ready")));
                String state = ready.body().contains("\"DOWN\"") ? "DOWN" : ready.statusCode() == 200 ? "UP" : "?" + ready.statusCode();
                if (!state.equals(last)) {
                    readiness.add(state);
                    last = state;
                }
                Thread.sleep(100);
            } catch (Exception failed) {
                readiness.add("no answer");
            }
        }
    }

    private void assertLogsAreJsonWithoutPlantedValues(Path appLog, String metrics) throws IOException {
        List<String> lines = Files.readAllLines(appLog).stream().filter(line -> !line.isBlank()).toList();
        List<String> json = lines.stream().filter(line -> line.startsWith("{") && line.contains("\"level\"")).toList();
        assertThat(json).as("JSON log lines").isNotEmpty();
        assertThat(json).as("the outage was logged").anyMatch(line -> line.contains("\"WARN\"") || line.contains("\"ERROR\""));
        List<String> planted = List.of(PLANTED_NAME, PLANTED_NUMBER, PLANTED_NUMBER.replace(" ", ""), "900 417", "900417");
        for (String value : planted) {
            assertThat(String.join("\n", lines)).as("the app's log holds a planted value").doesNotContain(value);
            assertThat(metrics).as("metrics hold a planted value").doesNotContain(value);
        }
        System.out.printf("  app log: %d lines, %d of them JSON; no planted name or number in it or in the metrics%n",
                lines.size(), json.size());
    }

    private List<Long> missing(PostgresServer database) throws SQLException, IOException {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(
                "SELECT wanted.id FROM unnest(?::bigint[]) AS wanted(id) WHERE wanted.id NOT IN (SELECT id FROM posts)")) {
            statement.setArray(1, connection.createArrayOf("bigint", acknowledged.toArray()));
            List<Long> missing = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    missing.add(rows.getLong(1));
                }
            }
            return missing;
        }
    }

    /** "A ×3, B ×1" in the order first seen. */
    private static String summary(ConcurrentLinkedQueue<String> values) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        values.forEach(value -> counts.merge(value, 1L, Long::sum));
        return counts.toString();
    }
}
