package org.stepcalls.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Issue 15: a backup taken while posts are being written, restored into a fresh data directory and
 * started there, holds every post acknowledged before the backup began, only posts that were really
 * written, and each topic's post count agrees with its posts (no transaction half there).
 */
@QuarkusTest
class OnlineBackupTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aBackupTakenUnderWritesRestoresToAConsistentDatabase() throws Exception {
        ForumApiClient sam = new ForumApiClient(TestUsers.member("sam"));
        long topic = sam.createTopicId("general", "Writes during a backup", "The first post.");
        Path data = dataDirectory();
        Path backup = Files.createTempDirectory("stepcalls-backup-test").resolve("backup");
        Path restored = Files.createTempDirectory("stepcalls-restore-test").resolve("data");

        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        for (int writer = 0; writer < 2; writer++) {
            writers.submit(() -> {
                for (int n = 0; writing.get(); n++) {
                    Response response = sam.reply(topic, "Write " + n).extract().response();
                    if (response.statusCode() == 201) {
                        acknowledged.add(response.jsonPath().getLong("id"));
                    }
                }
            });
        }
        Set<Long> beforeBackup;
        OnlineBackup.Taken taken;
        long took;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (acknowledged.size() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            beforeBackup = Set.copyOf(acknowledged);
            long started = System.nanoTime();
            taken = OnlineBackup.take(data, backup);
            took = (System.nanoTime() - started) / 1_000_000;
            Thread.sleep(500);
        } finally {
            writing.set(false);
            writers.shutdown();
            writers.awaitTermination(30, TimeUnit.SECONDS);
        }
        assertThat(backup.resolve("backup_label")).exists();
        assertThat(backup.resolve("postmaster.pid")).doesNotExist();
        assertThatThrownBy(() -> OnlineBackup.take(data, backup)).hasMessageContaining("not empty");

        OnlineBackup.restore(backup, restored);
        PostgresServer server = new PostgresServer(PostgresBinaries.unpack(EmbeddedDatabase.defaultWorkDirectory()), restored,
                freePort(), "stepcalls-restored", false);
        server.prepare(PostgresServer.newPassword()); // the restored password file is kept: this one goes unused
        Process postmaster = server.start();
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            Set<Long> found = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("SELECT id FROM posts WHERE topic_id = " + topic + " AND post_number > 1")) {
                while (rows.next()) {
                    found.add(rows.getLong(1));
                }
            }
            assertThat(beforeBackup).hasSizeGreaterThanOrEqualTo(5);
            assertThat(found).as("acknowledged before the backup began").containsAll(beforeBackup);
            assertThat(acknowledged).as("nothing that was not written").containsAll(found);
            try (ResultSet row = statement.executeQuery("SELECT t.posts_count, (SELECT count(*) FROM posts p WHERE p.topic_id = t.id)"
                    + " FROM topics t WHERE t.id = " + topic)) {
                row.next();
                assertThat(row.getLong(1)).as("the topic's count agrees with its posts").isEqualTo(row.getLong(2));
            }
            try (ResultSet row = statement.executeQuery("SELECT pg_is_in_recovery()")) {
                row.next();
                assertThat(row.getBoolean(1)).as("a normal, writable server").isFalse();
            }
            System.out.printf("Online backup under writes: %,d bytes, %d WAL segments, %d ms; %d posts acknowledged before it,"
                    + " %d in all; the restore holds %d (every one before it, none unwritten)%n", taken.bytes(),
                    taken.walSegments(), took, beforeBackup.size(), acknowledged.size(), found.size());
        } finally {
            server.stop(postmaster.toHandle());
            PostgresBinaries.deleteTree(restored.getParent());
            PostgresBinaries.deleteTree(backup.getParent());
        }
    }

    private Path dataDirectory() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT current_setting('data_directory')")) {
            result.next();
            return Path.of(result.getString(1));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
