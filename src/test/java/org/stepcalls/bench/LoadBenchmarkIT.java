package org.stepcalls.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.stepcalls.e2e.PackagedStack;
import org.stepcalls.forum.ForumQueries;
import org.stepcalls.platform.database.EmbeddedDatabase;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.volunteers.CsvImport;

/**
 * Not a test: the load harness behind bench/load.sh. Starts a PostgreSQL of its own
 * (target/bench/pg), Keycloak and the packaged app against both, as an operator would; seeds
 * 100,000 topics, 1,000,000 posts and 10,000 volunteers (through the real CSV import); then runs
 * wrk at fixed connection counts against the latest page, a topic page, search, creating posts
 * and the contacts query with Keycloak's bearer tokens, and pgbench -S against the same PostgreSQL
 * as the baseline. Prints req/s, p50/p99, errors, the app's RSS and each ratio to pgbench.
 * BENCH_JAVA_OPTS reaches the app's JVM (e.g. a JFR recording to profile it).
 */
@EnabledIfSystemProperty(named = "stepcalls.bench", matches = "true")
class LoadBenchmarkIT {

    /** BENCH_SCALE: 1 seeds 100,000 topics and 1,000,000 posts; 5 the growth run's 500,000 and 5,000,000. */
    static final int SCALE = Integer.getInteger("stepcalls.bench.scale", 1);
    static final int TOPICS = 100_000 * SCALE;
    static final int POSTS_PER_TOPIC = 10;
    static final String DURATION = System.getProperty("stepcalls.bench.duration", "10s");
    /**
     * Each scenario first runs unmeasured this long, then in 5 s slices until the app's CPU per request
     * stops falling ({@link #warmUntilSteady}): on two shared cores the JIT needs it.
     */
    static final String WARM_UP = System.getProperty("stepcalls.bench.warm-up", "10s");
    static final List<Integer> CONNECTIONS = List.of(System.getProperty("stepcalls.bench.connections", "8,32").split(","))
            .stream().map(String::trim).map(Integer::valueOf).toList();
    /** Only the scenarios whose names contain one of these, split at "|" (e.g. "topic page", "search|contacts"). */
    static final List<String> ONLY = List.of(System.getProperty("stepcalls.bench.only", "").split("\\|", -1));

    /**
     * BENCH_AOT=1 (on JDK 25, the jar packaged as {@code aot-jar}): before the first minute, a training
     * run writes the JDK's AOT cache (JEP 483/515: classes loaded and linked, method profiles), and the
     * app is restarted with it. The rest of the run then uses that app too.
     */
    static final boolean AOT_CACHE = Boolean.getBoolean("stepcalls.bench.aot");
    static final Path AOT_CACHE_FILE = Path.of("target/bench/app.aot").toAbsolutePath();

    private static String databasePassword = "";
    private static SequentialReads sequentialReads;

    private static boolean chosen(Scenario scenario) {
        return ONLY.stream().anyMatch(scenario.name()::contains);
    }

    /** The words topics are about: in the seeded titles and posts and in the replies create post writes, in turn. */
    static final List<String> TOPIC_WORDS = List.of("meeting", "kettle", "rota", "service", "literature");
    private static final String TOPIC_WORDS_SQL = TOPIC_WORDS.stream().map(word -> "'" + word + "'")
            .collect(Collectors.joining(",", "(ARRAY[", "])"));
    private static final String TOPIC_WORDS_LUA = TOPIC_WORDS.stream().map(word -> "\"" + word + "\"")
            .collect(Collectors.joining(", ", "{", "}"));
    /**
     * The search mix, one query after another: a rare word (about one post in 10,000), a common word
     * (a fifth of the posts), two words, a phrase, and a word with no match.
     */
    static final List<String> SEARCH_MIX = List.of("thermos", "kettle", "tuesday kettle", "\"see you at the kettle\"",
            "zeppelin");

    /**
     * {@code appCpuMs}/{@code dbCpuMs}: CPU time per request of the app's process and of every
     * PostgreSQL process, over the measured run. Unlike req/s these hardly move when something else
     * shares the machine, so a change can be compared across runs by them.
     */
    record Figures(String name, int connections, double rps, double p50, double p99, long errors, double appCpuMs,
            double dbCpuMs) {
    }

    /** {@code browser}: signed in through Keycloak's login page, with the session cookie, not a bearer token. */
    record Scenario(String name, String lua, boolean browser) {
        Scenario(String name, String lua) {
            this(name, lua, false);
        }
    }

    @Test
    void printLoadFigures() throws Exception {
        Path pg = Path.of("target/bench/pg").toAbsolutePath();
        deleteRecursively(pg);
        EmbeddedDatabase.Coordinates database = EmbeddedDatabase.startOrReuse(pg, Path.of("target/bench/pg-work"));
        // the embedded server asks for its superuser's password (SCRAM): the app, the seeding and pgbench need it
        databasePassword = EmbeddedDatabase.password(pg);
        sequentialReads = new SequentialReads(database.jdbcUrl(), databasePassword);
        String javaOptions = System.getenv().getOrDefault("BENCH_JAVA_OPTS", "");
        try (PackagedStack stack = PackagedStack.start(8181, 8096, Map.of("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", "postgres", "QUARKUS_DATASOURCE_PASSWORD", databasePassword,
                "JAVA_TOOL_OPTIONS", javaOptions,
                // as deployed: the app warms up before it reports ready (BENCH_APP_WARM_UP=0s to measure it without)
                "STEPCALLS_WARM_UP", System.getenv().getOrDefault("BENCH_APP_WARM_UP", "30s")), "bench")) {
            String helen = stack.accessToken("helen", "helen-demo");
            String carl = stack.accessToken("carl", "carl-demo");
            send(stack.appUrl + "/api/categories", helen, null); // both accounts exist from their first request
            send(stack.appUrl + "/api/categories", carl, null);
            long seeding = System.nanoTime();
            long firstTopic;
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", databasePassword)) {
                firstTopic = seedTopics(connection);
            }
            // fresh tokens: Keycloak's live for five minutes, and seeding the growth run takes longer
            importVolunteers(stack.appUrl, stack.accessToken("carl", "carl-demo"));
            System.out.printf("%nseeded %,d topics, %,d posts, 10,000 volunteers in %.0f s%n", TOPICS, TOPICS * POSTS_PER_TOPIC,
                    (System.nanoTime() - seeding) / 1e9);
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", databasePassword)) {
                // the seeding dirtied hundreds of megabytes: written now, not by the checkpointer during the first
                // scenarios (it was not why the topic page's first pass costs more: BENCHMARKS.md, round six)
                try (Statement sql = connection.createStatement()) {
                    sql.execute("CHECKPOINT");
                }
                explain(connection, "latest list", """
                        SELECT t.id, t.title, c.slug, c.name, a.display_name, t.status, t.pinned, t.posts_count, t.last_activity_at,
                               tu.last_read_post_number, coalesce(tu.level, cu.level),
                               t.created_at >= (SELECT created_at FROM accounts WHERE display_name LIKE 'Helen%')
                        FROM topics t JOIN categories c ON c.id = t.category_id JOIN accounts a ON a.id = t.opener_id
                        LEFT JOIN topic_users tu ON tu.account_id = t.opener_id AND tu.topic_id = t.id
                        LEFT JOIN category_users cu ON cu.account_id = t.opener_id AND cu.category_id = c.id
                        WHERE (SELECT array_agg(id) FROM categories) @> ARRAY[c.id] ORDER BY t.last_activity_at DESC, t.id DESC LIMIT 31""");
                explainSearch(connection);
                // a topic page's one statement, for a topic nobody has opened yet (most are, at 8 connections)
                explain(connection, "topic page", ForumQueries.TOPIC_SELECT.replaceFirst("\\?", "0")
                        .replaceFirst("\\?", "1").replaceFirst("\\?", String.valueOf(ForumQueries.POSTS_PER_PAGE))
                        .replaceFirst("\\?", String.valueOf(firstTopic + TOPICS / 2)));
            }
            long leeds = leedsArea(stack.appUrl, stack.accessToken("helen", "helen-demo"));
            Path scripts = Files.createDirectories(Path.of("target/bench/wrk"));
            List<Figures> all = new ArrayList<>();
            CpuClock cpu = new CpuClock(stack::appPid, pg);
            String randomTopic = "math.random(" + firstTopic + ", " + (firstTopic + TOPICS - 1) + ")";
            List<Scenario> scenarios = List.of(
                    // floors: what the framework costs without sign-in, and with sign-in and one lookup
                    new Scenario("floor: health check, no sign-in", get("\"/q/health/live\"")),
                    new Scenario("floor: signed in (/api/categories)", get("\"/api/categories\"")),
                    new Scenario("latest page (/)", get("\"/\"")),
                    new Scenario("latest page (/), browser session cookie", get("\"/\""), true),
                    new Scenario("latest list API (/api/topics)", get("\"/api/topics\"")),
                    new Scenario("topic page (/t/{id})", get("\"/t/\" .. " + randomTopic)),
                    new Scenario("search (/api/search), the word mix", searchMix()),
                    new Scenario("contacts (/api/contacts)", get("\"/api/contacts?areaId=" + leeds + "&sex=female&requestType=phone\"")),
                    new Scenario("create post (POST /api/topics/{id}/posts)", """
                            wrk.method = "POST"
                            wrk.headers["Content-Type"] = "application/json"
                            -- replies as varied as the seeded posts: 80,000 identical ones on top of the forum made
                            -- every later search walk past them first (BENCHMARKS.md, round eleven)
                            local words = %s
                            local n = 0
                            request = function()
                              n = n + 1
                              return wrk.format(nil, "/api/topics/" .. %s .. "/posts", nil,
                                '{"body": "Load test reply: see you at the ' .. words[1 + n %% #words] .. ' on Tuesday."}')
                            end
                            """.formatted(TOPIC_WORDS_LUA, randomTopic)));
            List<Scenario> chosen = scenarios.stream().filter(LoadBenchmarkIT::chosen).toList();
            // every page once, unmeasured, at the most connections, before any is measured: the app a member
            // meets has served them all, and a page first reached at 8 connections was still compiling after
            // 35 s of them on two shared cores (BENCHMARKS.md, round seven)
            for (Scenario scenario : chosen) {
                warmOnce(scenario, CONNECTIONS.get(CONNECTIONS.size() - 1), stack.appUrl, signIn(stack, scenario), scripts);
            }
            for (int connections : CONNECTIONS) {
                for (Scenario scenario : chosen) {
                    String signIn = signIn(stack, scenario);
                    Thread.sleep(3_000); // let the previous scenario's last queries finish on the server
                    all.add(wrk(cpu, scenario, connections, stack.appUrl, signIn, scripts, WARM_UP, DURATION));
                }
            }
            long rss = stack.appRssMegabytes();
            if (javaOptions.contains("NativeMemoryTracking")) {
                System.out.println("app memory after the run:\n" + stack.appMemoryReport());
            }
            List<Figures> firstMinuteFigures = List.of();
            Scenario firstMinute = new Scenario("latest page (/), first minute after ready", get("\"/\""));
            if (chosen(firstMinute)) {
                if (AOT_CACHE) {
                    trainAotCache(stack, cpu, scripts, randomTopic, leeds);
                }
                // what a freshly started instance serves: a restart, then the latest page at once for 60 s —
                // last, so that the other scenarios run on the app that served the seeding, as in round one
                firstMinuteFigures = firstMinute(stack, cpu, scripts, firstMinute);
                all.addAll(firstMinuteFigures);
            }
            Map<Integer, Double> pgbench = new java.util.TreeMap<>();
            for (int connections : CONNECTIONS) {
                pgbench.put(connections, pgbench(database.port(), connections, connections == CONNECTIONS.get(0)));
            }
            System.out.printf("%n%-44s %5s %9s %8s %8s %7s %12s %11s %10s%n", "scenario, " + DURATION + " each, warmed",
                    "conns", "req/s", "p50 ms", "p99 ms", "errors", "÷ pgbench -S", "app CPU ms", "db CPU ms");
            for (Figures f : all) {
                System.out.printf("%-44s %5d %9.0f %8.2f %8.2f %7d %12.3f %11.3f %10.3f%n", f.name(), f.connections(), f.rps(),
                        f.p50(), f.p99(), f.errors(), f.rps() / pgbench.get(f.connections()), f.appCpuMs(), f.dbCpuMs());
            }
            System.out.println("(app/db CPU ms: CPU time per request of the app's process and of all PostgreSQL processes)");
            pgbench.forEach((connections, tps) -> System.out.printf("%-44s %5d %9.0f%n", "pgbench -S (same PostgreSQL, baseline)",
                    connections, tps));
            System.out.printf("app RSS after the run: %d MB (the packaged app's process)%n", rss);
            printFirstMinuteShare(firstMinuteFigures, all);
            System.out.println();
        } finally {
            EmbeddedDatabase.stop();
        }
    }

    private static long seedTopics(Connection connection) throws Exception {
        try (Statement sql = connection.createStatement()) {
            sql.execute("""
                    INSERT INTO topics (category_id, title, opener_id, posts_count, created_at, last_activity_at)
                    SELECT (SELECT id FROM categories WHERE slug = CASE WHEN g % 3 = 0 THEN 'helpliners' ELSE 'general' END),
                           'Topic ' || g || ' about the ' || TOPIC_WORDS[1 + g % cardinality(TOPIC_WORDS)],
                           (SELECT id FROM accounts WHERE display_name LIKE 'Helen%'), 10,
                           now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval
                    FROM generate_series(1, """.replace("TOPIC_WORDS", TOPIC_WORDS_SQL) + TOPICS + ") g");
            sql.execute("""
                    INSERT INTO posts (topic_id, post_number, author_id, body, html, created_at)
                    SELECT t.id, n, t.opener_id, r.text, '<p>' || r.text || '</p>', t.created_at
                    FROM topics t CROSS JOIN generate_series(1, 10) n
                    CROSS JOIN LATERAL (SELECT 'Reply ' || n || ': see you at the '
                        || TOPIC_WORDS[1 + (t.id + n) % cardinality(TOPIC_WORDS)] || ' on Tuesday.'
                        || CASE WHEN (t.id * 10 + n) % 9973 = 0 THEN ' Bring the thermos.' ELSE '' END AS text) r
                    WHERE t.title LIKE 'Topic %'""".replace("TOPIC_WORDS", TOPIC_WORDS_SQL));
            // a forum this size has been read: another member's position in every topic, so the planner knows
            // topic_users from the first request (analysed empty, the prepared statements' cached plans scanned
            // it whole while the run filled it, until autovacuum analysed it: BENCHMARKS.md, round seven)
            sql.execute("""
                    INSERT INTO topic_users (account_id, topic_id, last_read_post_number)
                    SELECT (SELECT id FROM accounts WHERE display_name LIKE 'Carl%'), t.id, t.posts_count
                    FROM topics t WHERE t.title LIKE 'Topic %'""");
            sql.execute("VACUUM ANALYZE");
            try (var rows = sql.executeQuery("SELECT min(id) FROM topics WHERE title LIKE 'Topic %'")) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * 10,000 volunteers through the real import, so their numbers are really sealed (drama landlines);
     * the coordinator confirms they acknowledged the guidelines, so they are eligible (R6) and the
     * contacts query finds, opens and formats twenty of them, as it does on a real list.
     */
    private static void importVolunteers(String app, String coordinatorToken) throws Exception {
        StringBuilder csv = new StringBuilder(String.join(",", CsvImport.HEADER)).append('\n');
        String[] towns = { "Leeds", "Bradford", "York", "Sheffield", "Manchester", "London", "Bristol", "Glasgow" };
        for (int i = 0; i < 10_000; i++) {
            csv.append("Volunteer,").append(DramaNumbers.landline(i)).append(',').append(i % 2 == 0 ? "female" : "male")
                    .append(',').append(towns[i % towns.length]).append(",2015-01-01,true,").append(i % 3 == 0).append('\n');
        }
        HttpResponse<String> response = send(app + "/api/volunteers/import?guidelinesAcknowledged=true", coordinatorToken, csv.toString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the volunteer import answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static long leedsArea(String app, String token) throws Exception {
        Matcher leeds = Pattern.compile("\\{[^{}]*\"id\"\\s*:\\s*(\\d+)[^{}]*\"name\"\\s*:\\s*\"Leeds\"")
                .matcher(send(app + "/api/areas", token, null).body());
        if (!leeds.find()) {
            throw new IllegalStateException("no Leeds area in /api/areas");
        }
        return Long.parseLong(leeds.group(1));
    }

    private static HttpResponse<String> send(String url, String token, String csv) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
        if (csv != null) {
            request.header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Prints a query's plan with timings, for finding where a page's time goes. */
    private static void explain(Connection connection, String label, String query) throws Exception {
        try (Statement sql = connection.createStatement(); var rows = sql.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + query)) {
            while (rows.next()) {
                System.out.println("plan of the " + label + ":   " + rows.getString(1));
            }
        }
    }

    /**
     * The app's own search query (ForumQueries.SEARCH_SQL) for each word of the mix, prepared as the JDBC
     * driver prepares it and run under the generic plan PostgreSQL switches to after five executions.
     * The candidates are found inside post_search_newest (V25): its time and buffers show in the index
     * scan whose condition calls it.
     */
    private static void explainSearch(Connection connection) throws Exception {
        String readable;
        try (Statement sql = connection.createStatement();
                var rows = sql.executeQuery("SELECT array_agg(id ORDER BY id)::text FROM categories")) {
            rows.next();
            readable = rows.getString(1);
            sql.execute("PREPARE search(text, bigint[], int, int, int) AS "
                    + ForumQueries.SEARCH_SQL.replaceAll("\\?(\\d)", "\\$$1"));
            sql.execute("SET plan_cache_mode = force_generic_plan");
        }
        for (String words : SEARCH_MIX) {
            explain(connection, "search " + words, "EXECUTE search('%s', '%s', %d, %d, %d)".formatted(words.replace("'", "''"),
                    readable, ForumQueries.SEARCH_LIMIT, ForumQueries.SEARCH_CANDIDATES, ForumQueries.EXCERPT_SOURCE_CHARS));
        }
        try (Statement sql = connection.createStatement()) {
            sql.execute("RESET plan_cache_mode");
            sql.execute("DEALLOCATE search");
        }
    }

    static final int FIRST_MINUTE_SLICES = 6;

    /**
     * The app restarted (with the AOT cache when asked), then the latest page from the moment it reports
     * ready: six 10 s slices back to back, so the ramp shows, and then the same app measured again after the
     * usual unmeasured warm-up — the same database, the same hour of the run — for the share the first
     * minute reached.
     */
    private static List<Figures> firstMinute(PackagedStack stack, CpuClock cpu, Path scripts, Scenario firstMinute)
            throws Exception {
        String signIn = bearer(stack.accessToken("helen", "helen-demo")); // before the restart: measured from ready
        stack.restartApp(AOT_CACHE ? List.of("-XX:AOTCache=" + AOT_CACHE_FILE) : List.of());
        int connections = CONNECTIONS.get(CONNECTIONS.size() - 1);
        List<Figures> figures = new ArrayList<>();
        for (int slice = 0; slice < FIRST_MINUTE_SLICES; slice++) {
            Scenario part = new Scenario(firstMinute.name() + ", %d-%d s".formatted(slice * 10, slice * 10 + 10), firstMinute.lua());
            figures.add(wrk(cpu, part, connections, stack.appUrl, signIn, scripts, null, "10s"));
        }
        // a fresh app on two shared cores is still compiling after its first minute: warmed as every scenario is
        figures.add(wrk(cpu, new Scenario(WARMED_AFTER_FIRST_MINUTE, firstMinute.lua()), connections, stack.appUrl, signIn,
                scripts, WARM_UP, DURATION));
        return figures;
    }

    static final String WARMED_AFTER_FIRST_MINUTE = "latest page (/), the same app, warmed after it";

    /** The first minute's requests per second against the same app warm, and against the run's warmed latest page. */
    private static void printFirstMinuteShare(List<Figures> firstMinute, List<Figures> all) {
        if (firstMinute.isEmpty()) {
            return;
        }
        double firstRps = firstMinute.subList(0, FIRST_MINUTE_SLICES).stream().mapToDouble(Figures::rps).average().orElseThrow();
        double worstP99 = firstMinute.subList(0, FIRST_MINUTE_SLICES).stream().mapToDouble(Figures::p99).max().orElseThrow();
        double warmedAfter = firstMinute.get(FIRST_MINUTE_SLICES).rps();
        System.out.printf("first minute: %.0f req/s (worst 10 s p99 %.1f ms) = %.0f %% of the same app warm right after (%.0f)",
                firstRps, worstP99, 100 * firstRps / warmedAfter, warmedAfter);
        all.stream().filter(f -> f.name().equals("latest page (/)") && f.connections() == firstMinute.get(0).connections())
                .findFirst().ifPresent(warmed -> System.out.printf(", %.0f %% of the latest page warmed earlier in the run (%.0f)",
                        100 * firstRps / warmed.rps(), warmed.rps()));
        System.out.println();
    }

    /**
     * The AOT cache's training run: the app restarted to record, the pages of the benchmark requested
     * for a while (figures not kept), then stopped — the JVM writes the cache as it exits.
     */
    private static void trainAotCache(PackagedStack stack, CpuClock cpu, Path scripts, String randomTopic, long leeds)
            throws Exception {
        Files.deleteIfExists(AOT_CACHE_FILE);
        stack.restartApp(List.of("-XX:AOTCacheOutput=" + AOT_CACHE_FILE));
        long training = System.nanoTime();
        for (Scenario scenario : List.of(new Scenario("training: latest page", get("\"/\"")),
                new Scenario("training: topic page", get("\"/t/\" .. " + randomTopic)),
                new Scenario("training: search", searchMix()),
                new Scenario("training: contacts", get("\"/api/contacts?areaId=" + leeds + "&sex=female&requestType=phone\"")))) {
            wrk(cpu, scenario, 8, stack.appUrl, bearer(stack.accessToken("helen", "helen-demo")), scripts, null, "15s");
        }
        stack.restartApp(List.of("-XX:AOTCache=" + AOT_CACHE_FILE)); // stopping the recording app writes the cache
        System.out.printf("%nAOT cache trained and written in %.0f s: %,d bytes%n", (System.nanoTime() - training) / 1e9,
                Files.size(AOT_CACHE_FILE));
    }

    private static String searchMix() {
        String queries = SEARCH_MIX.stream()
                .map(w -> "\"" + URLEncoder.encode(w, StandardCharsets.UTF_8).replace("+", "%20") + "\"")
                .collect(java.util.stream.Collectors.joining(", "));
        return """
                local queries = {%s}
                local turn = 0
                request = function()
                  turn = turn %% #queries + 1
                  return wrk.format("GET", "/api/search?q=" .. queries[turn])
                end
                """.formatted(queries);
    }

    private static String get(String pathExpression) {
        return """
                request = function()
                  return wrk.format("GET", %s)
                end
                """.formatted(pathExpression);
    }

    /** {@code warmUp} null: measured from the first request. */
    private static String bearer(String token) {
        return "wrk.headers[\"Authorization\"] = \"Bearer " + token + "\"\n";
    }

    private static String cookie(String cookieHeader) {
        return "wrk.headers[\"Cookie\"] = \"" + cookieHeader.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n";
    }

    /** A fresh token or cookie each time: Keycloak's live for five minutes. */
    private static String signIn(PackagedStack stack, Scenario scenario) throws Exception {
        return scenario.browser() ? cookie(BrowserSignIn.sessionCookie(stack.appUrl, "helen", "helen-demo"))
                : bearer(stack.accessToken("helen", "helen-demo"));
    }

    /** The token or cookie sits in a file under target/ only while its scenario runs: the caller deletes it. */
    private static Path script(Scenario scenario, String signIn, Path scripts) throws IOException {
        Path script = scripts.resolve(scenario.name().replaceAll("\\W+", "-") + ".lua");
        Files.writeString(script, signIn + scenario.lua() + """
                response = function(status, headers, body)
                  if status >= 300 then io.write("STATUS " .. status .. " " .. string.sub(body, 1, 120) .. "\\n") end
                end
                """);
        return script;
    }

    private static void warmOnce(Scenario scenario, int connections, String app, String signIn, Path scripts)
            throws IOException, InterruptedException {
        Path script = script(scenario, signIn, scripts);
        try {
            serve(connections, WARM_ROUND, script, app);
        } finally {
            Files.delete(script);
        }
    }

    /** How long each page is served in the unmeasured round before the measured ones. */
    static final String WARM_ROUND = System.getProperty("stepcalls.bench.warm-round", "20s");

    /** {@code signIn}: the Lua line that signs each request in (a bearer token or the session cookie). */
    private static Figures wrk(CpuClock cpu, Scenario scenario, int connections, String app, String signIn, Path scripts,
            String warmUp, String duration) throws IOException, InterruptedException {
        Path script = script(scenario, signIn, scripts);
        try {
            boolean warmed = warmUp != null;
            if (warmed) {
                serve(connections, warmUp, script, app);
                warmUntilSteady(cpu, scenario, connections, app, script);
            }
            // not in the first minute's back-to-back slices: reading the statistics pauses the load a second
            Map<String, Long> scannedBefore = warmed ? sequentialReads.now() : Map.of();
            long[] before = cpu.ticks();
            String out = run("wrk", "-t2", "-c" + connections, "-d" + duration, "--latency", "-s", script.toString(), app);
            long[] after = cpu.ticks();
            out.lines().filter(l -> l.startsWith("STATUS")).distinct().limit(5)
                    .forEach(l -> System.out.println("  " + scenario.name() + ": " + l));
            double requests = number(out, "(\\d+) requests in");
            String scanned = warmed ? SequentialReads.perRequest(scannedBefore, sequentialReads.now(), requests) : "";
            if (!scanned.isEmpty()) {
                System.out.printf("  %s, %d conns: rows read by sequential scan per request: %s%n", scenario.name(), connections,
                        scanned);
            }
            return new Figures(scenario.name(), connections, number(out, "Requests/sec:\\s+([\\d.]+)"), millis(out, "50%"),
                    millis(out, "99%"), (long) (number(out, "Non-2xx or 3xx responses:\\s+(\\d+)") + socketErrors(out)),
                    CpuClock.millisPerRequest(before[0], after[0], requests), CpuClock.millisPerRequest(before[1], after[1], requests));
        } finally {
            Files.delete(script);
        }
    }

    /**
     * After the fixed warm-up, 5 s slices until the app's CPU per request has fallen by less than 5 %
     * below its best so far in two slices in a row (the JIT done with this page's code), at most a
     * minute: on two shared cores a page first reached at 8 connections was measured half-compiled
     * after a fixed 20 s (the topic page: 1.8 ms of app CPU per page, 1.1 ms on a second pass), and
     * one quiet slice was not enough (2.51, 2.14, 1.69, 1.62 ms stopped there while still compiling).
     */
    private static void warmUntilSteady(CpuClock cpu, Scenario scenario, int connections, String app, Path script)
            throws IOException, InterruptedException {
        List<String> slices = new ArrayList<>();
        double best = Double.MAX_VALUE;
        int quietInARow = 0;
        for (int slice = 0; slice < STEADY_SLICES_AT_MOST && quietInARow < QUIET_SLICES; slice++) {
            long[] before = cpu.ticks();
            String out = serve(connections, "5s", script, app);
            double millis = CpuClock.millisPerRequest(before[0], cpu.ticks()[0], number(out, "(\\d+) requests in"));
            slices.add(String.format("%.2f", millis));
            quietInARow = millis > STILL_FALLING * best ? quietInARow + 1 : 0;
            best = Math.min(best, millis);
        }
        System.out.printf("  %s, %d conns: warmed %s + %d s, app CPU ms per request by 5 s slice: %s%n", scenario.name(),
                connections, WARM_UP, 5 * slices.size(), String.join(", ", slices));
    }

    private static final int STEADY_SLICES_AT_MOST = 12;
    private static final double STILL_FALLING = 0.95;
    private static final int QUIET_SLICES = 2;

    /** The scenario's script served unmeasured by wrk for {@code duration}; wrk's output. */
    private static String serve(int connections, String duration, Path script, String app)
            throws IOException, InterruptedException {
        return run("wrk", "-t2", "-c" + connections, "-d" + duration, "-s", script.toString(), app);
    }

    private static double pgbench(int port, int connections, boolean initialise) throws IOException, InterruptedException {
        String[] connect = { "-h", "localhost", "-p", String.valueOf(port), "-U", "postgres" };
        if (initialise) {
            List<String> init = new ArrayList<>(List.of("pgbench", "-i", "-q", "-s", "10"));
            init.addAll(List.of(connect));
            init.add("postgres");
            run(init.toArray(String[]::new));
        }
        List<String> select = new ArrayList<>(List.of("pgbench", "-S", "-n", "-c", String.valueOf(connections), "-j", "2",
                "-T", DURATION.replace("s", "")));
        select.addAll(List.of(connect));
        select.add("postgres");
        return number(run(select.toArray(String[]::new)), "tps = ([\\d.]+)");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", databasePassword);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command[0] + " failed:\n" + out);
        }
        return out;
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static long socketErrors(String out) {
        Matcher m = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) + Long.parseLong(m.group(3))
                + Long.parseLong(m.group(4)) : 0;
    }

    private static double millis(String out, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (var files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
