package org.stepcalls.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.stepcalls.ScratchDirectories;
import org.stepcalls.platform.web.PhoneBrowser;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Several instances behind a load balancer, as docker/compose.yml runs them, on this machine: one
 * PostgreSQL, Keycloak, two packaged app instances with compose's environment — one master key,
 * one keyring directory, one session secret — and HAProxy running docker/haproxy.cfg with
 * compose's host names replaced by local ports. Each test prints what it proved. Without HAProxy
 * it is skipped, saying so; in CI ({@code CI=true}) that fails instead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final int KEYCLOAK_PORT = PackagedStack.SHARED_KEYCLOAK_PORT;
    /** The demo realm's redirect URIs allow localhost:8080, where compose publishes HAProxy. */
    private static final int BALANCER_PORT = 8080;
    private static final int STATS_PORT = 8404;
    private static final int[] APP_PORTS = { 8111, 8112 };
    private static final String[] INSTANCES = { "app1", "app2" };
    private static final String BALANCER = "http://localhost:" + BALANCER_PORT;
    private static final String INSTANCE_HEADER = "X-Stepcalls-Instance";
    private static final int WRITERS = 4;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    private static EmbeddedPostgres postgres;
    private static Process haproxy;
    private static final Process[] APPS = new Process[2];
    private static final List<Map<String, String>> APP_ENVIRONMENTS = new ArrayList<>();
    private static PackagedStack tokens;
    private static String databasePassword;

    /** One reply's answer: when, its status, which instance answered, the post's id when 2xx. */
    private record Answer(long atNanos, int status, String instance, Long postId) {
    }

    @BeforeAll
    static void startTwoInstancesBehindHaproxy() throws Exception {
        requireHaproxy();
        Map<String, String> dotEnv = ComposeDeploymentIT.readmeDotEnv();
        Map<String, String> compose = new LinkedHashMap<>(DeploymentFiles.composeService("app1", dotEnv).environment());
        assertThat(DeploymentFiles.composeService("app2", dotEnv).environment()).as("compose's two instances, alike")
                .isEqualTo(compose);
        databasePassword = dotEnv.get("STEPCALLS_DB_PASSWORD");
        postgres = ComposeDeploymentIT.postgresAsComposeDbService(databasePassword);
        ComposeDeploymentIT.pointHost(compose, "//db:5432/", "//127.0.0.1:" + postgres.getPort() + "/");
        ComposeDeploymentIT.pointHost(compose, "//keycloak:8180/", "//127.0.0.1:" + KEYCLOAK_PORT + "/");
        DeploymentFiles.RuntimeImage image = DeploymentFiles.runtimeImage();
        Path volumes = ScratchDirectories.create("stepcalls-cluster");
        Path keyring = Files.createDirectories(volumes.resolve("keyring")); // compose's one keyring volume, for both
        tokens = PackagedStack.of(PackagedStack.sharedKeycloak(), BALANCER, null, null);
        for (int i = 0; i < APPS.length; i++) {
            Map<String, String> environment = new HashMap<>(image.processEnvironment());
            environment.putAll(compose);
            environment.put("STEPCALLS_KEYRING_DIR", keyring.toString());
            environment.put("STEPCALLS_DATA_DIR", Files.createDirectories(volumes.resolve("data-" + INSTANCES[i])).toString());
            environment.put("QUARKUS_HTTP_PORT", String.valueOf(APP_PORTS[i]));
            // each instance's management interface (/q/metrics) on a port of its own, as on one host it must be
            environment.put("STEPCALLS_MANAGEMENT_PORT", String.valueOf(APP_PORTS[i] + 100));
            environment.put("PATH", System.getenv("PATH"));
            // quicker schedules than a helpline's, so that the jobs run many times during the test
            environment.put("STEPCALLS_PURGE_EVERY", "2s");
            environment.put("STEPCALLS_OVERDUE_CHECK_EVERY", "1s");
            environment.put("STEPCALLS_OVERDUE_AFTER", "PT2S");
            environment.put("STEPCALLS_PURGE_FIRST_AFTER", "3s");
            environment.put("STEPCALLS_OVERDUE_CHECK_FIRST_AFTER", "3s");
            // a shorter warm-up than compose's: a restarted instance still rejoins only once it is over
            environment.put("STEPCALLS_WARM_UP", "5s");
            APP_ENVIRONMENTS.add(environment);
            PackagedStack.requireFree(APP_PORTS[i]);
        }
        long started = System.nanoTime();
        for (int i = 0; i < APPS.length; i++) { // at the same time, as compose starts them: migrations, keyring and all
            APPS[i] = launch(i);
        }
        for (int i = 0; i < APPS.length; i++) {
            PackagedStack.awaitUp(instanceUrl(i) + "/q/health/ready", Duration.ofMinutes(2), APPS[i]);
        }
        System.out.printf("ClusterIT: two instances started together on one database, ready in %.1f s%n", seconds(started));
        haproxy = startHaproxy();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        PackagedStack.stop(haproxy, APPS[0], APPS[1]);
        if (postgres != null) {
            postgres.close();
        }
    }

    /**
     * Signed in through Keycloak's login page, the browser's session keeps working whichever
     * instance answers: its cookie (encrypted with the shared session secret) and the CSRF token of
     * a form one instance served are accepted by the other.
     */
    @Test
    @Order(1)
    void aBrowserSessionKeepsWorkingWhileRequestsAlternateBetweenInstances() throws Exception {
        WebDriver browser = KeycloakSignInIT.browser();
        try {
            browser.get(BALANCER + "/login");
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            browser.findElement(By.id("username")).sendKeys("helen");
            browser.findElement(By.id("password")).sendKeys("helen-demo");
            browser.findElement(By.id("kc-login")).click();
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlToBe(BALANCER + "/"));

            browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            @SuppressWarnings("unchecked")
            List<List<Object>> answers = (List<List<Object>>) ((JavascriptExecutor) browser).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    (async () => {
                      const answers = [];
                      for (let i = 0; i < 12; i++) {
                        const response = await fetch('/', {credentials: 'same-origin', cache: 'no-store'});
                        const page = await response.text();
                        answers.push([response.headers.get('%s'), response.status, page.includes('Helen Helpliner')]);
                      }
                      done(answers);
                    })();""".formatted(INSTANCE_HEADER));
            Map<String, Long> served = answers.stream().collect(Collectors.groupingBy(a -> String.valueOf(a.get(0)), TreeMap::new,
                    Collectors.counting()));
            assertThat(served.keySet()).as("instances that answered the browser").containsExactly("app1", "app2");
            assertThat(answers).allSatisfy(answer -> {
                assertThat(((Number) answer.get(1)).intValue()).isEqualTo(200);
                assertThat(answer.get(2)).as("still signed in").isEqualTo(true);
            });

            browser.get(BALANCER + "/new-topic");
            browser.findElement(By.id("title")).sendKeys("Lifts to the Otley meeting");
            browser.findElement(By.id("body")).sendKeys("Who drives from Ilkley on Thursdays?");
            browser.findElement(By.xpath("//button[text()='Start topic']")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlMatches(".*/t/\\d+.*"));
            for (int reply = 1; reply <= 4; reply++) {
                browser.findElement(By.id("body")).sendKeys("Reply " + reply + " from the same session.");
                org.openqa.selenium.WebElement page = browser.findElement(By.tagName("html"));
                browser.findElement(By.xpath("//button[text()='Reply']")).click();
                PhoneBrowser.awaitNextPage(browser, page); // stalenessOf alone fails on Chromium's "does not belong to the document"
                assertThat(browser.getPageSource()).contains("Reply " + reply + " from the same session.");
            }

            String crossed = formFromOneInstancePostedToTheOther(browser.manage().getCookies());
            System.out.printf("ClusterIT: session — %d page requests of one signed-in browser answered by %s, all signed in;"
                    + " a topic and 4 replies posted through its forms; %s%n", answers.size(), served, crossed);
        } finally {
            browser.quit();
        }
    }

    /** The browser's cookies in a client that sees which instance answered: a form from one, sent to the other. */
    private static String formFromOneInstancePostedToTheOther(java.util.Set<Cookie> browserCookies) throws Exception {
        CookieManager cookies = new CookieManager();
        for (Cookie cookie : browserCookies) {
            HttpCookie copy = new HttpCookie(cookie.getName(), cookie.getValue());
            copy.setPath("/");
            copy.setVersion(0);
            cookies.getCookieStore().add(URI.create(BALANCER), copy);
        }
        HttpClient session = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        for (int attempt = 0; attempt < 6; attempt++) {
            HttpResponse<String> form = session.send(HttpRequest.newBuilder(URI.create(BALANCER + "/new-topic")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(form.statusCode()).isEqualTo(200);
            Matcher token = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">").matcher(form.body());
            assertThat(token.find()).as("the form's CSRF token").isTrue();
            String title = "Cross-instance topic " + attempt;
            String body = encode(token.group(1)) + "=" + encode(token.group(2)) + "&category=general&title=" + encode(title)
                    + "&body=" + encode("Sent to whichever instance HAProxy picks.");
            HttpResponse<String> sent = session.send(HttpRequest.newBuilder(URI.create(BALANCER + "/new-topic"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).as("the form sent back, with its token").isIn(302, 303);
            String formFrom = instance(form);
            String sentTo = instance(sent);
            if (!formFrom.equals(sentTo)) {
                String location = sent.headers().firstValue("Location").orElseThrow();
                HttpResponse<String> topic = session.send(HttpRequest.newBuilder(URI.create(BALANCER).resolve(location)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(topic.body()).contains(title);
                return "a form served by " + formFrom + " was accepted by " + sentTo + " (CSRF token and session cookie)";
            }
        }
        throw new AssertionError("HAProxy sent every form and its POST to the same instance: no alternation");
    }

    /**
     * What one instance writes, the other reads at once: an area added through app1 is listed by
     * app2, and a category changed in the database (by psql, or a newer version's migration) reaches
     * both instances' category caches through LISTEN/NOTIFY.
     */
    @Test
    @Order(2)
    void nothingCachedInOneInstanceGoesStaleWhenTheOtherWrites() throws Exception {
        String coordinator = tokens.accessToken("carl", "carl-demo");
        String member = tokens.accessToken("mia", "mia-demo");
        for (int i = 0; i < APPS.length; i++) { // both caches filled
            assertThat(get(instanceUrl(i) + "/api/categories", member).body()).contains("\"general\"");
        }
        HttpResponse<String> added = send(HttpRequest.newBuilder(URI.create(instanceUrl(0) + "/api/areas"))
                .header("Authorization", "Bearer " + coordinator).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Otley\",\"region\":\"Yorkshire\",\"latitude\":53.905,"
                        + "\"longitude\":-1.691}")).build());
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(get(instanceUrl(1) + "/api/areas", coordinator).body()).as("app2, right after app1 wrote").contains("\"Otley\"");

        sql("UPDATE categories SET read_roles = '{helpliner,coordinator,admin}' WHERE slug = 'general'");
        long changed = System.nanoTime();
        long[] seenMillis = new long[APPS.length];
        for (int i = 0; i < APPS.length; i++) {
            String url = instanceUrl(i) + "/api/categories";
            awaitTrue(() -> !get(url, member).body().contains("\"general\""), Duration.ofSeconds(5), "general gone on " + INSTANCES[i]);
            seenMillis[i] = (System.nanoTime() - changed) / 1_000_000;
        }
        sql("UPDATE categories SET read_roles = '{member,helpliner,coordinator,admin}' WHERE slug = 'general'");
        for (int i = 0; i < APPS.length; i++) {
            String url = instanceUrl(i) + "/api/categories";
            awaitTrue(() -> get(url, member).body().contains("\"general\""), Duration.ofSeconds(5), "general back on " + INSTANCES[i]);
        }
        System.out.printf("ClusterIT: caches — an area added on app1 was listed by app2 on the next request; a category taken"
                + " from members in the database was gone from app1's cache after %d ms and app2's after %d ms%n",
                seenMillis[0], seenMillis[1]);
    }

    /**
     * Both instances check for overdue calls every second: each opener is still reminded once per
     * call. Both purge every 2 s: each due call leaves one outcome record.
     */
    @Test
    @Order(3)
    void everyScheduledJobRunsOnceAcrossInstances() throws Exception {
        String helpliner = tokens.accessToken("helen", "helen-demo");
        long area = Long.parseLong(firstMatch("\"id\"\\s*:\\s*(\\d+)", get(BALANCER + "/api/areas", helpliner).body()));
        List<Long> overdue = new ArrayList<>();
        List<Long> due = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            (i % 2 == 0 ? overdue : due).add(openCall(helpliner, area, i));
        }
        long outcomesBefore = count("SELECT count(*) FROM outcome_records");
        // due for the purge: opened longer ago than the maximum retention (P30D)
        sql("UPDATE calls SET opened_at = now() - interval '31 days' WHERE topic_id IN (" + joined(due) + ")");

        long waiting = System.nanoTime(); // the schedules start 3 s after each instance (30 s and 1 min by default)
        awaitTrue(() -> reminders(overdue).size() == overdue.size() && count("SELECT count(*) FROM calls WHERE topic_id IN ("
                + joined(due) + ")") == 0, PATIENCE, "reminders sent and due calls purged");
        Thread.sleep(5_000); // five more rounds of checks on each instance
        Map<Long, Long> perCall = reminders(overdue);
        assertThat(perCall.values()).as("reminders per overdue call").containsOnly(1L);
        long outcomes = count("SELECT count(*) FROM outcome_records") - outcomesBefore;
        assertThat(outcomes).as("outcome records of the purged calls").isEqualTo(due.size());
        System.out.printf("ClusterIT: jobs — %d overdue calls: %s reminder(s) each, with both instances checking every second"
                + " (waited %.0f s for the schedules, then 5 s more); %d due calls purged by two instances purging every 2 s:"
                + " %d outcome records%n", overdue.size(), perCall.values().stream().distinct().toList(), seconds(waiting),
                due.size(), outcomes);
    }

    /**
     * Writers post replies through HAProxy while app2 is killed ({@code kill -9}) and started
     * again: HAProxy takes it out of the rotation and back, and every reply answered 2xx is in the
     * database.
     */
    @Test
    @Order(4)
    void killingOneInstanceUnderLoadLosesNoAcknowledgedWrite() throws Exception {
        String member = tokens.accessToken("mia", "mia-demo");
        HttpResponse<String> topic = send(HttpRequest.newBuilder(URI.create(BALANCER + "/api/topics"))
                .header("Authorization", "Bearer " + member).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"category\":\"general\",\"title\":\"Load while an instance dies\","
                        + "\"body\":\"Replies below.\"}")).build());
        assertThat(topic.statusCode()).isEqualTo(201);
        long topicId = Long.parseLong(firstMatch("\"id\"\\s*:\\s*(\\d+)", topic.body()));

        List<Answer> answers = new CopyOnWriteArrayList<>();
        AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);
        AtomicLong killedAt = new AtomicLong();
        AtomicLong downAt = new AtomicLong();
        AtomicLong restartedAt = new AtomicLong();
        AtomicLong backAt = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService load = Executors.newFixedThreadPool(WRITERS + 1);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            load.submit(() -> {
                for (int n = 0; System.nanoTime() < stopAt.get(); n++) {
                    String body = "{\"body\":\"Reply " + n + " of writer " + writer + "\"}";
                    try {
                        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(BALANCER + "/api/topics/" + topicId
                                + "/posts")).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + member)
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        Long id = reply.statusCode() / 100 == 2 ? Long.valueOf(firstMatch("\"id\"\\s*:\\s*(\\d+)", reply.body())) : null;
                        answers.add(new Answer(System.nanoTime(), reply.statusCode(), instance(reply), id));
                    } catch (IOException failed) {
                        answers.add(new Answer(System.nanoTime(), 0, "none", null));
                    }
                }
                return null;
            });
        }
        load.submit(() -> { // HAProxy's view of app2 every 50 ms: out of the rotation ("DOWN"), back in ("UP")
            while (System.nanoTime() < stopAt.get()) {
                String state = stats().getOrDefault("app2", "");
                if (killedAt.get() != 0 && downAt.get() == 0 && state.equals("DOWN")) {
                    downAt.set(System.nanoTime());
                }
                if (restartedAt.get() != 0 && backAt.get() == 0 && state.equals("UP")) {
                    backAt.set(System.nanoTime());
                }
                Thread.sleep(50);
            }
            return null;
        });

        Thread.sleep(4_000);
        killedAt.set(System.nanoTime());
        APPS[1].destroyForcibly(); // SIGKILL: no goodbye to HAProxy, in-flight requests cut off
        APPS[1].waitFor();
        awaitTrue(() -> downAt.get() != 0, Duration.ofSeconds(15), "HAProxy takes app2 out");
        Thread.sleep(2_000);
        restartedAt.set(System.nanoTime());
        APPS[1] = launch(1);
        awaitTrue(() -> backAt.get() != 0, PATIENCE, "HAProxy takes app2 back");
        awaitTrue(() -> answers.stream().filter(a -> a.atNanos() > backAt.get() && "app2".equals(a.instance())).count() >= 20,
                Duration.ofSeconds(30), "app2 answering again");
        stopAt.set(System.nanoTime());
        load.shutdown();
        assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        List<Long> acknowledged = answers.stream().map(Answer::postId).filter(id -> id != null).toList();
        List<Answer> failed = answers.stream().filter(a -> a.status() / 100 != 2).toList();
        long found = countIds(acknowledged);
        Map<String, Long> beforeKill = servedBy(answers.stream().filter(a -> a.atNanos() < killedAt.get()).toList());
        Map<String, Long> whileDown = servedBy(answers.stream().filter(a -> a.atNanos() > downAt.get() && a.atNanos() < backAt.get()).toList());
        Map<String, Long> afterBack = servedBy(answers.stream().filter(a -> a.atNanos() > backAt.get()).toList());
        long lastFailure = failed.stream().mapToLong(Answer::atNanos).max().orElse(killedAt.get());
        System.out.printf("ClusterIT: kill -9 under load — %d replies sent by %d writers over %.1f s: %d answered 2xx, %d not (%s);"
                + " served before the kill %s, while app2 was out %s, after it rejoined %s; HAProxy marked app2 down %.2f s after"
                + " the kill, the last failed request came %.2f s after it; app2 restarted and back in the rotation %.1f s later;"
                + " acknowledged replies found in the database: %d of %d%n",
                answers.size(), WRITERS, seconds(start) , acknowledged.size(), failed.size(),
                failed.stream().collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting())), beforeKill, whileDown,
                afterBack, (downAt.get() - killedAt.get()) / 1e9, Math.max(0, lastFailure - killedAt.get()) / 1e9,
                (backAt.get() - restartedAt.get()) / 1e9,
                found, acknowledged.size());
        assertThat(found).as("acknowledged replies in the database").isEqualTo(acknowledged.size());
        assertThat(beforeKill.keySet()).containsExactlyInAnyOrder("app1", "app2");
        assertThat(whileDown.keySet()).as("while app2 was down").containsExactly("app1");
        assertThat(afterBack.keySet()).containsExactlyInAnyOrder("app1", "app2");
        // a request HAProxy handed to app2 just before it marked it down may still fail after the mark: a refused
        // connection is retried after HAProxy's turn-around timer of min(timeout connect, 1 s), so such a failure is
        // answered up to about a second after the mark (one CI run saw 1.003 s); a failure later than timeout connect
        // (2 s, docker/haproxy.cfg) would mean app2 was still given new requests
        assertThat(failed).as("requests failed after HAProxy took app2 out").allSatisfy(a -> assertThat(a.atNanos()).isLessThan(downAt.get()
                + TimeUnit.SECONDS.toNanos(2)));
    }

    private static Process launch(int instance) throws IOException {
        return PackagedStack.launchApp(DeploymentFiles.runtimeImage().javaOptions(), APP_ENVIRONMENTS.get(instance), false, List.of(),
                Path.of("."), "cluster-" + INSTANCES[instance]);
    }

    /** docker/haproxy.cfg, with compose's host names replaced by the local instances and loopback binds. */
    private static Process startHaproxy() throws Exception {
        String config = Files.readString(DeploymentFiles.dockerDir().resolve("haproxy.cfg"));
        config = replaceOnce(config, "bind :8080", "bind 127.0.0.1:" + BALANCER_PORT);
        config = replaceOnce(config, "bind :8404", "bind 127.0.0.1:" + STATS_PORT);
        for (int i = 0; i < APPS.length; i++) {
            config = replaceOnce(config, "server " + INSTANCES[i] + " " + INSTANCES[i] + ":8080 ",
                    "server " + INSTANCES[i] + " 127.0.0.1:" + APP_PORTS[i] + " ");
        }
        Path file = Files.createDirectories(Path.of("target/cluster")).resolve("haproxy.cfg");
        Files.writeString(file, config);
        PackagedStack.requireFree(BALANCER_PORT);
        PackagedStack.requireFree(STATS_PORT);
        Process started = new ProcessBuilder("haproxy", "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(Path.of("target/haproxy-cluster.log").toFile()).start();
        try {
            awaitTrue(() -> {
                if (!started.isAlive()) {
                    throw new IllegalStateException("haproxy exited with " + started.exitValue() + "; see target/haproxy-cluster.log");
                }
                Map<String, String> states = stats();
                return "UP".equals(states.get("app1")) && "UP".equals(states.get("app2"));
            }, Duration.ofSeconds(30), "HAProxy sees both instances up");
        } catch (Exception | Error failed) {
            PackagedStack.stop(started);
            throw failed;
        }
        return started;
    }

    private static void requireHaproxy() {
        boolean installed = Files.isExecutable(Path.of("/usr/sbin/haproxy"));
        if (!installed) {
            String why = "ClusterIT needs HAProxy (Debian: apt-get install haproxy); .ci/run installs it";
            assertThat("true".equals(System.getenv("CI"))).as(why + " — in CI it must run").isFalse();
            System.out.println("ClusterIT skipped: " + why);
            Assumptions.abort(why);
        }
    }

    /** Each instance's state as HAProxy's statistics show it ("UP", "DOWN", "UP 1/2" …). */
    private static Map<String, String> stats() {
        try {
            HttpResponse<String> csv = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + STATS_PORT + "/stats;csv"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            List<String> lines = csv.body().lines().toList();
            List<String> columns = List.of(lines.get(0).replaceFirst("^# ", "").split(","));
            int status = columns.indexOf("status");
            Map<String, String> states = new HashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.split(",", -1);
                if (fields.length > status && fields[0].equals("stepcalls")) {
                    states.put(fields[1], fields[status]);
                }
            }
            return states;
        } catch (IOException | InterruptedException unreachable) {
            return Map.of();
        }
    }

    private static long openCall(String helpliner, long area, int n) throws Exception {
        String phone = "07700 900" + String.format("%03d", 600 + n);
        HttpResponse<String> opened = send(HttpRequest.newBuilder(URI.create(BALANCER + "/api/calls"))
                .header("Authorization", "Bearer " + helpliner).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"callerFirstName":"Nadia","callerPhone":"%s","callerPhoneConfirm":"%s","areaId":%d,"callerSex":"female",
                         "requestType":"phone","disabledOrVulnerable":false,"immediateDanger":false,"requesterIsAddict":true,
                         "prisonGateRequest":false,"notes":"Prefers mornings"}""".formatted(phone, phone, area))).build());
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        return Long.parseLong(firstMatch("\"topicId\"\\s*:\\s*(\\d+)", opened.body()));
    }

    private static Map<Long, Long> reminders(List<Long> calls) {
        Map<Long, Long> perCall = new HashMap<>();
        try (Connection connection = database(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT topic_id, count(*) FROM notifications WHERE kind = 'call_overdue'"
                        + " AND topic_id IN (" + joined(calls) + ") GROUP BY topic_id")) {
            while (rows.next()) {
                perCall.put(rows.getLong(1), rows.getLong(2));
            }
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
        return perCall;
    }

    private static long countIds(List<Long> postIds) throws SQLException {
        try (Connection connection = database();
                PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM posts WHERE id = ANY(?)")) {
            Array ids = connection.createArrayOf("bigint", postIds.toArray());
            statement.setArray(1, ids);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static long count(String query) {
        try (Connection connection = database(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = database(); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    /** As the app does: compose's database user, over TCP (the server takes passwords only). */
    private static Connection database() throws SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/stepcalls", "stepcalls",
                databasePassword);
    }

    private static HttpResponse<String> get(String url, String token) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build());
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String instanceUrl(int instance) {
        return "http://127.0.0.1:" + APP_PORTS[instance];
    }

    private static String instance(HttpResponse<?> response) {
        return response.headers().firstValue(INSTANCE_HEADER).orElse("none");
    }

    private static Map<String, Long> servedBy(List<Answer> answers) {
        return answers.stream().filter(a -> !a.instance().equals("none"))
                .collect(Collectors.groupingBy(Answer::instance, TreeMap::new, Collectors.counting()));
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check, Duration patience, String what) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + patience.toSeconds() + " s for: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static String replaceOnce(String text, String target, String replacement) {
        assertThat(text.split(Pattern.quote(target), -1)).as("docker/haproxy.cfg has '" + target + "' once").hasSize(2);
        return text.replace(target, replacement);
    }

    private static String firstMatch(String regex, String text) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex + " in " + text).isTrue();
        return matcher.group(1);
    }

    private static String joined(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
