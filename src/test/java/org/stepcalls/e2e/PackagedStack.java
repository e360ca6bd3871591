package org.stepcalls.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.stepcalls.ScratchDirectories;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The real parts as an operator runs them, for the ITs and the load benchmark: Keycloak (fetched
 * through Maven, run with Temurin 25 on 127.0.0.1, importing docker/keycloak/stepcalls-realm.json)
 * and the packaged app signed in against it. Ports are checked free first: something else
 * answering there would be tested in place of what we start.
 */
public final class PackagedStack implements AutoCloseable {

    /** Keycloak 26 needs Java 21 or newer; the one the image runs is installed beside the build's. */
    private static final int KEYCLOAK_JAVA = 25;
    public static final int SHARED_KEYCLOAK_PORT = 8180;
    private static Process sharedKeycloak;

    public final String keycloakUrl;
    public final String appUrl;
    /** Null when the Keycloak is not this stack's to stop. */
    private final Process keycloak;
    private Process app;
    /** Starts the app again as it was started, with extra JVM options; null when the caller started it. */
    private final Relaunch relaunch;

    private interface Relaunch {
        Process withJavaOptions(List<String> extra) throws IOException;
    }

    private PackagedStack(String keycloakUrl, String appUrl, Process keycloak, Process app,
            Relaunch relaunch) {
        this.keycloakUrl = keycloakUrl;
        this.appUrl = appUrl;
        this.keycloak = keycloak;
        this.app = app;
        this.relaunch = relaunch;
    }

    /**
     * Starts Keycloak, then the packaged app against it, with docker/Dockerfile's runtime settings
     * (JVM options, environment; each of its volumes a fresh directory).
     *
     * @param appEnvironment extra environment for the app (an external database, JVM options)
     * @param logName        names target/keycloak-{logName}.log and target/app-{logName}.log
     */
    public static PackagedStack start(int keycloakPort, int appPort, Map<String, String> appEnvironment, String logName)
            throws Exception {
        requireFree(appPort);
        return startApp("http://127.0.0.1:" + keycloakPort, startKeycloak(keycloakPort, logName, appPort), appPort,
                appEnvironment, logName);
    }

    /** As {@link #start}, against {@link #sharedKeycloak()}, which the stack leaves running when it closes. */
    public static PackagedStack startWithSharedKeycloak(int appPort, Map<String, String> appEnvironment, String logName)
            throws Exception {
        requireFree(appPort);
        return startApp(sharedKeycloak(), null, appPort, appEnvironment, logName);
    }

    /**
     * The Keycloak that the ITs share, on 127.0.0.1:{@value #SHARED_KEYCLOAK_PORT}, with the demo realm
     * as docker/keycloak imports it (its redirect URIs allow the apps on 8080 and 8095): started at
     * the first call and stopped when the test JVM exits. Each Keycloak start costs 20–35 s of
     * the CI run; no IT changes the realm, so one start serves all.
     */
    public static synchronized String sharedKeycloak() throws Exception {
        if (sharedKeycloak == null) {
            Process keycloak = startKeycloak(SHARED_KEYCLOAK_PORT, "shared", 8095);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    stop(keycloak);
                } catch (InterruptedException exiting) {
                    Thread.currentThread().interrupt();
                }
            }, "stop-shared-keycloak"));
            sharedKeycloak = keycloak;
        }
        return "http://127.0.0.1:" + SHARED_KEYCLOAK_PORT;
    }

    /** The app against {@code keycloakUrl}; {@code keycloak} is the stack's own (stopped with it) or null. */
    private static PackagedStack startApp(String keycloakUrl, Process keycloak, int appPort,
            Map<String, String> appEnvironment, String logName) throws Exception {
        String appUrl = "http://127.0.0.1:" + appPort;
        Process app = null;
        try {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            DeploymentFiles.RuntimeImage image = DeploymentFiles.runtimeImage();
            Map<String, String> environment = new HashMap<>(image.processEnvironment());
            Path volumes = ScratchDirectories.create("stepcalls-it-volumes");
            for (String volume : image.volumes()) {
                Files.createDirectories(volumes.resolve(volume.substring(1)));
                environment.replaceAll((name, value) -> value.equals(volume) ? volumes.resolve(volume.substring(1)).toString() : value);
            }
            environment.putAll(Map.of("QUARKUS_HTTP_PORT", String.valueOf(appPort),
                    "QUARKUS_OIDC_AUTH_SERVER_URL", keycloakUrl + "/realms/stepcalls", "QUARKUS_OIDC_CLIENT_ID", "stepcalls",
                    "QUARKUS_OIDC_CREDENTIALS_SECRET", "stepcalls-demo-client-secret",
                    "STEPCALLS_SESSION_SECRET", Base64.getEncoder().encodeToString(key) + "-session",
                    "STEPCALLS_MASTER_KEY", Base64.getEncoder().encodeToString(key)));
            // no warm-up before ready (WarmUpAsDeployedTest, ComposeDeploymentIT and the benchmark keep it):
            // thirty seconds more for each IT's start
            environment.put("STEPCALLS_WARM_UP", "0s");
            environment.putAll(appEnvironment);
            Relaunch relaunch = extra -> launchApp(concat(image.javaOptions(), extra), environment, true, List.of(),
                    Path.of("."), logName);
            app = relaunch.withJavaOptions(List.of());
            awaitUp(appUrl + "/q/health/ready", Duration.ofMinutes(2), app);
            return new PackagedStack(keycloakUrl, appUrl, keycloak, app, relaunch);
        } catch (Exception | Error failed) {
            stop(app, keycloak);
            throw failed;
        }
    }

    /** Wraps an app and a Keycloak started by the caller. */
    static PackagedStack of(String keycloakUrl, String appUrl, Process keycloak, Process app) {
        return new PackagedStack(keycloakUrl, appUrl, keycloak, app, null);
    }

    /** Stops the app and starts it afresh (same options, same database), returning once it reports ready. */
    public void restartApp() throws Exception {
        restartApp(List.of());
    }

    /**
     * Stops the app (waiting for its JVM to exit, e.g. while it writes an AOT cache) and starts it
     * afresh with these JVM options added, returning once it reports ready.
     */
    public void restartApp(List<String> extraJavaOptions) throws Exception {
        if (relaunch == null) {
            throw new IllegalStateException("this stack's app was started by its caller");
        }
        stop(app);
        app = relaunch.withJavaOptions(extraJavaOptions);
        awaitUp(appUrl + "/q/health/ready", Duration.ofMinutes(2), app);
    }

    private static List<String> concat(List<String> first, List<String> then) {
        List<String> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }

    /**
     * Starts the packaged jar as the image's entrypoint does ({@code java $JAVA_OPTS -jar …}), on the
     * image's Java version when one is installed.
     *
     * @param inherit whether the test's own environment is passed on; without it the app sees
     *                {@code environment} and nothing else, as in a container
     * @param runAs   a command prefix that runs it as another user (e.g. setpriv), or empty
     */
    static Process launchApp(List<String> javaOptions, Map<String, String> environment, boolean inherit, List<String> runAs,
            Path workDir, String logName) throws IOException {
        List<String> command = new ArrayList<>(runAs);
        command.add(DeploymentFiles.runtimeImage().java().toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", Path.of(System.getProperty("app.jar")).toAbsolutePath().toString()));
        ProcessBuilder jar = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(Path.of("target/app-" + logName + ".log").toAbsolutePath().toFile());
        if (!inherit) {
            jar.environment().clear();
        }
        jar.environment().putAll(environment);
        return jar.start();
    }

    /**
     * Keycloak with the demo realm, which also lets a browser's sign-in come back to an app on
     * 127.0.0.1:{@code appPort} (the realm names only the README's and the sign-in IT's ports).
     */
    static Process startKeycloak(int port, String logName, int appPort) throws Exception {
        requireFree(port);
        Process keycloak = launchKeycloak(port, logName, appPort);
        try {
            awaitUp("http://127.0.0.1:" + port + "/realms/stepcalls/.well-known/openid-configuration", Duration.ofMinutes(3));
            return keycloak;
        } catch (Exception | Error failed) {
            stop(keycloak);
            throw failed;
        }
    }

    private static Process launchKeycloak(int port, String logName, int appPort) throws IOException {
        Path home = Path.of(System.getProperty("keycloak.home"));
        Path database = home.resolve("data/h2");
        if (Files.exists(database)) { // a realm imported by an earlier run would be kept as it was
            try (var files = Files.walk(database)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        Files.writeString(imports.resolve("stepcalls-realm.json"), realmFor(appPort));
        home.resolve("bin/kc.sh").toFile().setExecutable(true);
        ProcessBuilder kc = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev", "--http-port=" + port,
                "--http-host=127.0.0.1", "--import-realm").redirectErrorStream(true)
                .redirectOutput(Path.of("target/keycloak-" + logName + ".log").toFile());
        Path java = DeploymentFiles.installedJava(KEYCLOAK_JAVA)
                .orElseThrow(() -> new IllegalStateException("Keycloak needs a JDK " + KEYCLOAK_JAVA + " under /usr/lib/jvm"));
        kc.environment().put("JAVA_HOME", java.getParent().getParent().toString());
        kc.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        kc.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-" + new SecureRandom().nextInt(1_000_000));
        return kc.start();
    }

    /** The demo realm with the app's own address among the client's redirect URIs. */
    private static String realmFor(int appPort) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode realm = json.readTree(Path.of(System.getProperty("realm.json")).toFile());
        String appUri = "http://127.0.0.1:" + appPort + "/*";
        for (JsonNode client : realm.path("clients")) {
            if ("stepcalls".equals(client.path("clientId").asText())) {
                ArrayNode redirects = (ArrayNode) client.path("redirectUris");
                boolean known = false;
                for (JsonNode uri : redirects) {
                    known |= uri.asText().equals(appUri);
                }
                if (!known) {
                    redirects.add(appUri);
                }
            }
        }
        return json.writeValueAsString(realm);
    }

    /** An access token for a demo user, from Keycloak's token endpoint (password grant). */
    public String accessToken(String user, String password) throws IOException, InterruptedException {
        return passwordGrant("client_id=stepcalls&client_secret=stepcalls-demo-client-secret", user, password);
    }

    /**
     * An access token the same realm issues the same user for another client: Keycloak's own
     * {@code admin-cli}, which every realm has (public, password grant allowed).
     */
    public String accessTokenForAnotherClient(String user, String password) throws IOException, InterruptedException {
        return passwordGrant("client_id=admin-cli", user, password);
    }

    private String passwordGrant(String client, String user, String password) throws IOException, InterruptedException {
        String form = "grant_type=password&" + client + "&username="
                + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(keycloakUrl + "/realms/stepcalls/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("Keycloak gave no token for " + user + ": HTTP " + response.statusCode());
        }
        return token.group(1);
    }

    /** The app's process, whose CPU time the load harness reads. */
    public long appPid() {
        return app.pid();
    }

    /** The app's resident memory now, from /proc. */
    public long appRssMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + app.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for the app's process");
    }

    /**
     * Where the app's memory goes, for a run started with {@code -XX:NativeMemoryTracking=summary}: the JVM's
     * own account (jcmd beside the java that runs the app), the kernel's split of the RSS into anonymous
     * and file-backed pages, and the code cache before and after a full collection (what of it only a
     * collection would free). The collection changes the app: call it last.
     */
    public String appMemoryReport() throws IOException, InterruptedException {
        StringBuilder report = new StringBuilder();
        report.append(jcmd("VM.native_memory", "summary"));
        report.append(Files.readString(Path.of("/proc/" + app.pid() + "/smaps_rollup")));
        report.append("code cache now:\n").append(jcmd("Compiler.codecache"));
        jcmd("GC.run");
        report.append("code cache after a full collection:\n").append(jcmd("Compiler.codecache"));
        return report.toString();
    }

    private String jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(DeploymentFiles.runtimeImage().java().resolveSibling("jcmd").toString(),
                Long.toString(app.pid())));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }

    @Override
    public void close() throws InterruptedException {
        stop(app, keycloak);
    }

    static void stop(Process... processes) throws InterruptedException {
        for (Process process : processes) {
            if (process != null) {
                process.destroy();
                process.waitFor();
            }
        }
    }

    static void requireFree(int port) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            probe.setReuseAddress(true);
        } catch (IOException taken) {
            throw new IllegalStateException("Port " + port + " is already in use; stop whatever listens there first");
        }
    }

    static void awaitUp(String url, Duration patience) throws Exception {
        awaitUp(url, patience, null);
    }

    /** As {@link #awaitUp(String, Duration)}, failing at once if {@code process} exits meanwhile. */
    static void awaitUp(String url, Duration patience, Process process) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("the process behind " + url + " exited with " + process.exitValue() + "; see target/*.log");
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(url + " did not come up within " + patience + "; see target/*.log");
    }
}
