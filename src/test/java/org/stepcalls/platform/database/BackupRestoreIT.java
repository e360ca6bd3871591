package org.stepcalls.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Issue 15, as an operator does it: the packaged app runs on its embedded database and takes
 * writes; {@code java -jar … backup DIR} runs meanwhile; {@code restore DIR} puts the backup into a
 * fresh data directory; the app started there (same master key and keyring) shows every post
 * acknowledged before the backup, nothing that was never written, and a call opened before it with
 * its caller's details still readable by the opener.
 */
class BackupRestoreIT {

    @Test
    void aBackupTakenWhileTheForumRunsRestoresIntoAWorkingForum() throws Exception {
        Path work = Files.createTempDirectory("stepcalls-backup-it");
        OidcWiremockTestResource oidc = new OidcWiremockTestResource();
        String keycloakUrl = oidc.start().get("keycloak.url");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> environment = new HashMap<>(Map.of("STEPCALLS_MASTER_KEY", Base64.getEncoder().encodeToString(key),
                "STEPCALLS_SESSION_SECRET", Base64.getEncoder().encodeToString(key) + "-session",
                "STEPCALLS_KEYRING_DIR", work.resolve("keyring").toString(),
                "STEPCALLS_DATA_DIR", work.resolve("data").toString()));
        String helpliner = "Bearer " + TestUsers.helpliner("bronwen");
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        Set<Long> beforeBackup;
        long topic;
        long call;
        long backupMillis;
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            try (PackagedApp app = PackagedApp.start(keycloakUrl, environment, work, "backup")) {
                topic = PackagedApp.id(app.post("/api/topics", helpliner,
                        "{\"category\": \"general\", \"title\": \"Writes during a backup\", \"body\": \"First.\"}"), 201);
                call = openCall(app, helpliner);
                for (int writer = 0; writer < 2; writer++) {
                    writers.submit(() -> {
                        for (int n = 0; writing.get(); n++) {
                            try {
                                var response = app.post("/api/topics/" + topic + "/posts", helpliner, "{\"body\": \"Write " + n + "\"}");
                                if (response.statusCode() == 201) {
                                    acknowledged.add(PackagedApp.id(response, 201));
                                }
                            } catch (Exception stopped) {
                                return;
                            }
                        }
                    });
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (acknowledged.size() < 5 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                beforeBackup = Set.copyOf(acknowledged);
                long started = System.nanoTime();
                Process backup = PackagedApp.jar(List.of("backup", work.resolve("backup").toString()), environment, work,
                        "backup-command");
                assertThat(backup.waitFor(120, TimeUnit.SECONDS)).isTrue();
                backupMillis = (System.nanoTime() - started) / 1_000_000;
                assertThat(backup.exitValue()).as(Files.readString(PackagedApp.log("backup-command"))).isZero();
                Thread.sleep(500);
                writing.set(false);
                writers.shutdown();
                assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }

            Map<String, String> restoredEnvironment = new HashMap<>(environment);
            restoredEnvironment.put("STEPCALLS_DATA_DIR", work.resolve("restored").toString());
            Process restore = PackagedApp.jar(List.of("restore", work.resolve("backup").toString()), restoredEnvironment, work,
                    "restore-command");
            assertThat(restore.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(restore.exitValue()).as(Files.readString(PackagedApp.log("restore-command"))).isZero();
            try (PackagedApp restored = PackagedApp.start(keycloakUrl, restoredEnvironment, work, "restored")) {
                Set<Long> found = postIds(work.resolve("restored"), topic);
                assertThat(found).as("acknowledged before the backup began").containsAll(beforeBackup);
                assertThat(acknowledged).as("nothing that was never written").containsAll(found);
                var topicPage = restored.get("/api/topics/" + topic, helpliner);
                assertThat(topicPage.statusCode()).isEqualTo(200);
                var opened = restored.get("/api/calls/" + call, helpliner);
                assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
                assertThat(opened.body()).as("the caller's details open with the master key and the keyring").contains("Morwenna");
                assertThat(PackagedApp.id(restored.post("/api/topics/" + topic + "/posts", helpliner, "{\"body\": \"After\"}"), 201))
                        .as("the restored forum takes writes").isPositive();
                System.out.printf("%nOnline backup of the running packaged app, restored and started:%n"
                        + "  backup command took %d ms (%s)%n"
                        + "  posts acknowledged before the backup %d, in all %d; the restore holds %d: every one before it,"
                        + " none unwritten; the call opened before it reads on the restore%n", backupMillis,
                        Files.readAllLines(PackagedApp.log("backup-command")).stream().filter(l -> l.startsWith("Backed up"))
                                .findFirst().orElse("?").replaceAll(".* while it ran: ", ""),
                        beforeBackup.size(), acknowledged.size(), found.size());
            }
        } finally {
            writing.set(false);
            writers.shutdownNow();
            oidc.stop();
            PostgresBinaries.deleteTree(work);
        }
    }

    private static long openCall(PackagedApp app, String helpliner) throws Exception {
        var areas = app.get("/api/areas", helpliner);
        long area = PackagedApp.id(areas, 200);
        String intake = """
                {"callerFirstName": "Morwenna", "callerPhone": "07700 900512", "callerPhoneConfirm": "07700 900512",
                 "areaId": %d, "callerSex": "female", "requestType": "phone", "disabledOrVulnerable": false,
                 "immediateDanger": false, "requesterIsAddict": true, "prisonGateRequest": false, "notes": "Evenings"}"""
                .formatted(area);
        return PackagedApp.id(app.post("/api/calls", helpliner, intake), 201);
    }

    /** The posts of the topic as the restored server holds them (its port from postmaster.pid). */
    private static Set<Long> postIds(Path data, long topic) throws Exception {
        int port = Integer.parseInt(Files.readAllLines(data.resolve("postmaster.pid")).get(3).strip());
        Set<Long> ids = new HashSet<>();
        try (Connection connection = new PostgresServer(null, data, port, null, true).connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM posts WHERE topic_id = " + topic + " AND post_number > 1")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }
}
