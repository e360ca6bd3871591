package org.stepcalls.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stepcalls.ScratchDirectories;

/**
 * The newcomer's restart: `./mvnw quarkus:dev`, sign in as helen, open a call; stop dev mode and
 * start it again on the same data — the dev provider comes back on another port, so another
 * issuer — and helen, signed in again, still reads her own call as its opener (the caller's first
 * name, which only the opener sees). Runs the real dev mode twice, as the README tells people to.
 */
class DevModeRestartIT {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://localhost:(\\d+)");
    private static final Pattern PROVIDER = Pattern.compile("http://localhost:(\\d+)/authorize");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final Path work = newWorkDir();
    private Process devMode;

    @Test
    void demoUsersKeepTheirCallsAcrossADevModeRestart() throws Exception {
        int port = freePort();

        Instant firstStart = Instant.now();
        startDevMode(port, "first");
        Duration firstStartTook = Duration.between(firstStart, Instant.now());
        DevBrowser helen = new DevBrowser(port);
        int providerBefore = helen.signInAs("helen");
        long callId = helen.openCall("Rhiannon");
        assertThat(helen.get("/calls/" + callId).body()).contains("Rhiannon");
        stopDevMode();

        Instant secondStart = Instant.now();
        startDevMode(port, "second");
        Duration secondStartTook = Duration.between(secondStart, Instant.now());
        DevBrowser helenAgain = new DevBrowser(port);
        int providerAfter = helenAgain.signInAs("helen");

        HttpResponse<String> call = helenAgain.get("/calls/" + callId);
        System.out.printf("DevModeRestartIT: dev provider on port %d, then %d; dev mode up in %d s, then %d s; "
                + "call %d status %d after the restart%n", providerBefore, providerAfter, firstStartTook.toSeconds(),
                secondStartTook.toSeconds(), callId, call.statusCode());
        assertThat(providerAfter).as("the restart gives the dev provider a new address, so a new issuer")
                .isNotEqualTo(providerBefore);
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.body()).as("helen still opens her own call, with the caller's first name").contains("Rhiannon");
    }

    @AfterEach
    void stopDevMode() throws InterruptedException {
        if (devMode == null) {
            return;
        }
        List<ProcessHandle> family = new ArrayList<>(devMode.descendants().toList());
        devMode.destroy(); // Maven stops the dev-mode JVM it forked, which stops its PostgreSQL
        if (!devMode.waitFor(60, TimeUnit.SECONDS)) {
            devMode.destroyForcibly();
        }
        for (ProcessHandle child : family) {
            child.destroy();
            child.onExit().completeOnTimeout(child, 30, TimeUnit.SECONDS).join();
        }
        devMode = null;
    }

    private void startDevMode(int port, String name) throws IOException, InterruptedException {
        Path log = work.resolve("dev-" + name + ".log");
        List<String> command = new ArrayList<>(List.of("./mvnw", "-B", "quarkus:dev",
                "-Dstepcalls.data-dir=" + work.resolve("data"),
                "-Dstepcalls.keyring-dir=" + work.resolve("keyring"),
                "-Dstepcalls.dev-master-key-file=" + work.resolve("master.key"),
                "-Dquarkus.http.port=" + port, "-Ddebug=false", "-Dquarkus.console.enabled=false",
                "-Dquarkus.analytics.disabled=true"));
        if (mavenIsOffline()) {
            command.add(2, "-o");
        }
        devMode = new ProcessBuilder(command).directory(Path.of(System.getProperty("user.dir")).toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            String output = Files.readString(log);
            Matcher listening = LISTENING.matcher(output);
            if (listening.find()) {
                assertThat(Integer.parseInt(listening.group(1))).isEqualTo(port);
                return;
            }
            if (!devMode.isAlive()) {
                throw new AssertionError("dev mode stopped before it listened; its log: " + log + "\n" + tail(output));
            }
            Thread.sleep(500);
        }
        throw new AssertionError("dev mode did not listen within " + START_TIMEOUT + "; its log: " + log);
    }

    /** A person at a browser: follows redirects by hand so every cookie is kept, as a browser does. */
    private static final class DevBrowser {
        private final String app;
        private final HttpClient http;

        DevBrowser(int port) {
            this.app = "http://localhost:" + port;
            this.http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        }

        /** The dev provider's own page, its predefined user's button; answers the provider's port. */
        int signInAs(String user) throws Exception {
            HttpResponse<String> toProvider = send(HttpRequest.newBuilder(URI.create(app + "/login")).GET());
            String authorize = toProvider.headers().firstValue("location").orElseThrow();
            Matcher provider = PROVIDER.matcher(authorize);
            assertThat(provider.find()).as("redirected to the dev provider: " + authorize).isTrue();
            HttpResponse<String> loginPage = send(HttpRequest.newBuilder(URI.create(authorize)).GET());
            Document page = Jsoup.parse(loginPage.body(), authorize);
            Element form = page.selectFirst("form:has(button[name=predefined-" + user + "])");
            assertThat(form).as("the dev provider offers " + user).isNotNull();
            Map<String, String> fields = hiddenFields(form);
            fields.put("predefined-" + user, user);
            HttpResponse<String> answer = follow(post(form.absUrl("action"), fields));
            assertThat(answer.statusCode()).isEqualTo(200);
            return Integer.parseInt(provider.group(1));
        }

        long openCall(String callerFirstName) throws Exception {
            Document intake = Jsoup.parse(get("/calls/new").body(), app);
            Element form = intake.selectFirst("form[action=/calls/new]");
            assertThat(form).as("the intake form").isNotNull();
            Map<String, String> fields = hiddenFields(form);
            Map<String, String> answers = Map.of("immediateDanger", "no", "requesterIsAddict", "yes",
                    "prisonGateRequest", "no", "callerSex", "female", "requestType", "phone",
                    "disabledOrVulnerable", "no");
            for (Element radio : form.select("input[type=radio]")) {
                String group = radio.attr("name");
                // a question added later: the answer that keeps the plain phone call
                fields.putIfAbsent(group, answers.getOrDefault(group, "no"));
            }
            fields.put("callerFirstName", callerFirstName);
            fields.put("callerPhone", "07700 900123");
            fields.put("callerPhoneConfirm", "07700 900123");
            fields.put("areaId", form.select("select[name=areaId] option[value~=\\d+]").first().attr("value"));
            fields.put("notes", "");
            HttpResponse<String> opened = send(post(app + "/calls/new", fields));
            String location = opened.headers().firstValue("location").orElseThrow(
                    () -> new AssertionError("intake did not open a call: " + opened.statusCode() + "\n" + opened.body()));
            Matcher id = Pattern.compile("/calls/(\\d+)").matcher(location);
            assertThat(id.find()).as(location).isTrue();
            return Long.parseLong(id.group(1));
        }

        HttpResponse<String> get(String path) throws Exception {
            return follow(HttpRequest.newBuilder(URI.create(app + path)).GET());
        }

        private HttpResponse<String> follow(HttpRequest.Builder request) throws Exception {
            HttpResponse<String> response = send(request);
            for (int hops = 0; hops < 10 && response.statusCode() / 100 == 3; hops++) {
                URI next = response.uri().resolve(response.headers().firstValue("location").orElseThrow());
                response = send(HttpRequest.newBuilder(next).GET());
            }
            return response;
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        }

        private static HttpRequest.Builder post(String url, Map<String, String> fields) {
            String body = fields.entrySet().stream()
                    .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                    .collect(Collectors.joining("&"));
            return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        }

        private static Map<String, String> hiddenFields(Element form) {
            Map<String, String> fields = new LinkedHashMap<>();
            form.select("input[type=hidden]").forEach(input -> fields.put(input.attr("name"), input.attr("value")));
            return fields;
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    private static Path newWorkDir() {
        try {
            return ScratchDirectories.create("stepcalls-dev-restart");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The build that runs this test is offline (no network here): so is the Maven it starts. */
    private static boolean mavenIsOffline() {
        String arguments = " " + System.getenv().getOrDefault("MAVEN_CMD_LINE_ARGS", "") + " ";
        return arguments.contains(" -o ") || arguments.contains(" --offline ");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(String output) {
        return output.lines().skip(Math.max(0, output.lines().count() - 40)).collect(Collectors.joining("\n"));
    }
}
