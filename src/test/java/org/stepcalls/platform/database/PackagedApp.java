package org.stepcalls.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.stepcalls.e2e.DeploymentFiles;
import org.stepcalls.platform.security.TestUsers;

/**
 * The packaged jar ({@code target/quarkus-app/quarkus-run.jar}) for the database ITs, signed in
 * against the WireMock OIDC server the unit tests use (no Keycloak to start), on free ports.
 */
final class PackagedApp implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();

    final String url;
    final int managementPort;
    private final Process process;

    private PackagedApp(String url, int managementPort, Process process) {
        this.url = url;
        this.managementPort = managementPort;
        this.process = process;
    }

    /**
     * Starts the app and waits until it is ready.
     *
     * @param environment the database, the master key, the keyring … (added to the sign-in settings)
     */
    static PackagedApp start(String keycloakUrl, Map<String, String> environment, Path workDir, String logName) throws Exception {
        int port = freePort();
        int managementPort = freePort();
        Map<String, String> all = new HashMap<>(Map.of("QUARKUS_HTTP_PORT", String.valueOf(port),
                "STEPCALLS_MANAGEMENT_PORT", String.valueOf(managementPort),
                "QUARKUS_OIDC_AUTH_SERVER_URL", keycloakUrl + "/realms/quarkus",
                "QUARKUS_OIDC_CLIENT_ID", "quarkus-web-app", "QUARKUS_OIDC_CREDENTIALS_SECRET", "secret",
                "STEPCALLS_ROLES_CLAIM", "groups", "STEPCALLS_TOKEN_AUDIENCE", TestUsers.AUDIENCE));
        all.put("STEPCALLS_WARM_UP", "0s"); // ready without the thirty seconds of warm-up, as the ITs need nothing warm
        all.putAll(environment);
        Process process = jar(List.of(), all, workDir, logName);
        PackagedApp app = new PackagedApp("http://127.0.0.1:" + port, managementPort, process);
        try {
            app.awaitReady(logName);
            return app;
        } catch (Exception | Error failed) {
            app.close();
            throw failed;
        }
    }

    /** {@code java -jar quarkus-run.jar <arguments>} on the image's Java where one is installed, its output to target/app-{logName}.log. */
    static Process jar(List<String> arguments, Map<String, String> environment, Path workDir, String logName) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(DeploymentFiles.runtimeImage().java().toString(),
                "-Xmx96m", "-jar", Path.of(System.getProperty("app.jar")).toAbsolutePath().toString()));
        command.addAll(arguments);
        ProcessBuilder jar = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log(logName).toFile());
        jar.environment().putAll(environment);
        return jar.start();
    }

    static Path log(String logName) {
        return Path.of("target/app-" + logName + ".log").toAbsolutePath();
    }

    private void awaitReady(String logName) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the app is running; see " + log(logName)).isTrue();
            try {
                if (get("/q/health/ready", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the app did not become ready; see " + log(logName));
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path));
        if (token != null) {
            request.header("Authorization", token);
        }
        return send(request);
    }

    HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    String metrics() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/metrics"))).body();
    }

    /** The first {@code "id"} of a JSON answer that must have the given status. */
    static long id(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        Matcher id = Pattern.compile("\"(?:id|topicId)\"\\s*:\\s*(\\d+)").matcher(response.body());
        assertThat(id.find()).as(response.body()).isTrue();
        return Long.parseLong(id.group(1));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(java.time.Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops the app as a process manager does (SIGTERM), and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
