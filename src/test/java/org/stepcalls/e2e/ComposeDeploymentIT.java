package org.stepcalls.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.stepcalls.ScratchDirectories;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * docker/compose.yml as an operator runs it, without Docker: the packaged jar gets exactly the app1
 * service's environment (interpolated from a .env made as the README says) plus the Dockerfile's
 * runtime settings — its user, volumes and JVM options — with compose's host names pointed at a
 * PostgreSQL and a Keycloak of the test's own. A variable the prod profile needs and the file
 * lacks makes the start fail here.
 */
class ComposeDeploymentIT {

    private static final int KEYCLOAK_PORT = PackagedStack.SHARED_KEYCLOAK_PORT;
    /** compose publishes the app on 8080, the port it listens on by default; the demo realm allows it. */
    private static final int APP_PORT = 8080;
    private static final String APP = "http://localhost:" + APP_PORT;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static EmbeddedPostgres postgres;
    private static PackagedStack stack;

    @BeforeAll
    static void startAsComposeWould() throws Exception {
        Map<String, String> dotEnv = readmeDotEnv();
        Map<String, String> environment = new LinkedHashMap<>(DeploymentFiles.composeService("app1", dotEnv).environment());
        postgres = postgresAsComposeDbService(dotEnv.get("STEPCALLS_DB_PASSWORD"));
        pointHost(environment, "//db:5432/", "//127.0.0.1:" + postgres.getPort() + "/");
        pointHost(environment, "//keycloak:8180/", "//127.0.0.1:" + KEYCLOAK_PORT + "/");

        DeploymentFiles.RuntimeImage image = DeploymentFiles.runtimeImage();
        Map<String, String> container = new HashMap<>(image.processEnvironment());
        container.putAll(environment);
        boolean root = "root".equals(System.getProperty("user.name"));
        Path rootDir = ScratchDirectories.create("stepcalls-compose");
        Path workDir = Files.createDirectories(rootDir.resolve("app"));
        List<String> volumes = new ArrayList<>(image.volumes());
        volumes.addAll(DeploymentFiles.composeService("app1", dotEnv).volumeTargets());
        for (String volume : volumes) {
            Path directory = Files.createDirectories(rootDir.resolve(volume.substring(1)));
            container.replaceAll((name, value) -> value.equals(volume) ? directory.toString() : value);
        }
        List<String> runAs = List.of();
        if (root && image.user() != null) { // the image's USER, never root
            String uid = image.user();
            try (var files = Files.walk(rootDir)) {
                for (Path path : files.toList()) {
                    new ProcessBuilder("chown", uid + ":" + uid, path.toString()).inheritIO().start().waitFor();
                }
            }
            runAs = List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--");
        }

        String keycloak = PackagedStack.sharedKeycloak();
        Process app = null;
        try {
            PackagedStack.requireFree(APP_PORT);
            app = PackagedStack.launchApp(image.javaOptions(), container, false, runAs, workDir, "compose");
            PackagedStack.awaitUp(APP + "/q/health/ready", Duration.ofMinutes(2), app);
        } catch (Exception | Error failed) {
            PackagedStack.stop(app);
            throw failed;
        }
        stack = PackagedStack.of(keycloak, APP, null, app);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theComposeAppIsReadyAndTakesKeycloaksTokens() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(APP + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        String token = stack.accessToken("helen", "helen-demo");
        HttpResponse<String> categories = http.send(HttpRequest.newBuilder(URI.create(APP + "/api/categories"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(categories.statusCode()).isEqualTo(200);
        assertThat(categories.body()).contains("12th-step-calls");
    }

    @Test
    void aHelplinerSignsInOnKeycloaksLoginPage() throws Exception {
        WebDriver browser = KeycloakSignInIT.browser();
        try {
            browser.get(APP + "/login");
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            browser.findElement(By.id("username")).sendKeys("helen");
            browser.findElement(By.id("password")).sendKeys("helen-demo");
            browser.findElement(By.id("kc-login")).click();
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlToBe(APP + "/"));
            assertThat(browser.getPageSource()).contains("Helen Helpliner");
        } finally {
            browser.quit();
        }
    }

    @Test
    void composeRefusesToStartWithoutASecretAndNamesIt() throws IOException {
        Map<String, String> incomplete = readmeDotEnv();
        incomplete.remove("STEPCALLS_MASTER_KEY");
        assertThatThrownBy(() -> DeploymentFiles.composeService("app1", incomplete)).hasMessageContaining("STEPCALLS_MASTER_KEY")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void theImageRunsAsAnUnprivilegedUserWithItsOwnKeyringVolume() throws IOException {
        DeploymentFiles.RuntimeImage image = DeploymentFiles.runtimeImage();
        assertThat(image.user()).isNotBlank().isNotIn("root", "0");
        assertThat(image.volumes()).contains("/data", "/keyring");
        assertThat(DeploymentFiles.composeService("app1", readmeDotEnv()).volumeTargets()).contains("/keyring");
    }

    /** The .env README "Docker compose" tells the operator to write (values generated the same way). */
    static Map<String, String> readmeDotEnv() {
        Map<String, String> dotEnv = new HashMap<>();
        dotEnv.put("STEPCALLS_MASTER_KEY", randomBase64(32));
        dotEnv.put("STEPCALLS_SESSION_SECRET", randomBase64(48));
        dotEnv.put("STEPCALLS_DB_PASSWORD", randomBase64(24));
        dotEnv.put("KEYCLOAK_ADMIN_PASSWORD", randomBase64(18));
        dotEnv.put("STEPCALLS_OIDC_SECRET", "stepcalls-demo-client-secret"); // the demo realm's client
        return dotEnv;
    }

    private static String randomBase64(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }

    static void pointHost(Map<String, String> environment, String composeHost, String testHost) {
        boolean found = environment.values().stream().anyMatch(value -> value.contains(composeHost));
        assertThat(found).as("compose's app service reaches " + composeHost).isTrue();
        environment.replaceAll((name, value) -> value.replace(composeHost, testHost));
    }

    /** Like compose's db service: database and user stepcalls, the .env's password, scram over TCP only. */
    static EmbeddedPostgres postgresAsComposeDbService(String password) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path base = ScratchDirectories.create("stepcalls-compose-db");
        EmbeddedPostgres started = EmbeddedPostgres.builder().setOverrideWorkingDirectory(base.resolve("work").toFile())
                .setDataDirectory(base.resolve("data")).setCleanDataDirectory(true).setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1").start();
        try (Connection admin = started.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
            sql.execute("SET password_encryption = 'scram-sha-256'");
            sql.execute("CREATE ROLE stepcalls LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            sql.execute("CREATE DATABASE stepcalls OWNER stepcalls");
            Files.writeString(base.resolve("data/pg_hba.conf"), "host all all 127.0.0.1/32 scram-sha-256\n");
            sql.execute("SELECT pg_reload_conf()");
        }
        return started;
    }
}
