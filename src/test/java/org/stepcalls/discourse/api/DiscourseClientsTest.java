package org.stepcalls.discourse.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.stepcalls.FreshLetters;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A Discourse client nobody here wrote — npm {@code discourse2}, generated from Discourse's own
 * OpenAPI spec — and {@code rss-parser} against the running app: {@code src/test/js}. Needs Node and
 * {@code npm ci --prefix src/test/js} (CI does both); without them it is skipped here with a line
 * saying so, and fails in CI.
 */
@QuarkusTest
class DiscourseClientsTest {

    private static final Path SUITE = Path.of("src/test/js");

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void discoursesOwnClientAndAnRssReaderWorkAgainstTheForum() throws Exception {
        requireNode();
        String run = FreshLetters.of(6);
        String member = "client" + run;
        ForumApiClient mia = new ForumApiClient(TestUsers.member(member));
        mia.get("/api/categories").statusCode(200);
        ForumApiClient helen = new ForumApiClient(TestUsers.helpliner("helen" + run));
        String hidden = "Helpliners only " + run;
        helen.createTopicId("helpliners", hidden, "Not for members.");
        ForumApiClient alice = new ForumApiClient(TestUsers.admin("alice" + run));
        String key = alice.post("/api/admin/api-keys", Map.of("description", "discourse2 suite", "username", member))
                .statusCode(201).extract().path("key");

        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec", "discourse-clients.test.mjs")
                .directory(SUITE.toFile()).redirectErrorStream(true);
        node.environment().putAll(Map.of("STEPCALLS_URL", "http://localhost:" + port, "STEPCALLS_KEY", key,
                "STEPCALLS_USERNAME", member, "STEPCALLS_HIDDEN_TITLE", hidden));
        Process process = node.start();
        boolean finished = process.waitFor(180, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println("DiscourseClientsTest (node --test src/test/js):\n" + output);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("the client suite finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("fail 0").doesNotContain("pass 0").doesNotContain("✖");
    }

    private static void requireNode() throws IOException, InterruptedException {
        boolean installed = Files.isDirectory(SUITE.resolve("node_modules/discourse2"))
                && Files.isDirectory(SUITE.resolve("node_modules/rss-parser")) && nodeRuns();
        if (!installed) {
            String how = "Discourse client suite needs Node and `npm ci --prefix src/test/js`";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(how + " (CI must have them: .ci/run installs them)");
            }
            System.out.println("SKIPPED DiscourseClientsTest: " + how);
            Assumptions.abort(how);
        }
    }

    private static boolean nodeRuns() throws InterruptedException {
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return version.waitFor(20, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
