package org.stepcalls.bench;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.stepcalls.platform.security.TestUsers;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Not a test: a load harness (bench/load.sh). Seeds 100,000 topics, 1,000,000 posts and 10,000
 * volunteers into the run's own PostgreSQL, then runs wrk at 32 connections against the latest
 * page, a topic page, search, creating posts and the contacts query, and pgbench -S against the
 * same PostgreSQL as the baseline; prints req/s, p50/p99, errors, RSS and each ratio to pgbench.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "stepcalls.bench", matches = "true")
class LoadBenchmark {

    static final int TOPICS = 100_000;
    static final int POSTS_PER_TOPIC = 10;
    static final int CONNECTIONS = 32;
    static final String DURATION = System.getProperty("stepcalls.bench.duration", "10s");

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    record Figures(String name, double rps, double p50, double p99, long errors) {
    }

    @Test
    void printLoadFigures() throws Exception {
        String token = TestUsers.token("loadtester", "helpliner", "member", "coordinator");
        RestAssured.given().header("Authorization", TestUsers.bearer(token)).get("/api/categories").then().statusCode(200);
        long seeding = System.nanoTime();
        long firstTopic = seed();
        importVolunteers();
        System.out.printf("%nseeded %,d topics, %,d posts, 10,000 volunteers in %.0f s%n", TOPICS, TOPICS * POSTS_PER_TOPIC,
                (System.nanoTime() - seeding) / 1e9);
        long leeds = area("Leeds");
        explain("""
                SELECT t.id, t.title, c.slug, c.name, a.display_name, t.status, t.pinned, t.posts_count, t.last_activity_at
                FROM topics t JOIN categories c ON c.id = t.category_id JOIN accounts a ON a.id = t.opener_id
                WHERE t.category_id IN (SELECT id FROM categories) ORDER BY t.last_activity_at DESC, t.id DESC LIMIT 31""");
        Path scripts = Files.createTempDirectory("stepcalls-wrk");
        String auth = "Bearer " + token;
        List<Figures> all = new ArrayList<>();
        all.add(wrk("latest page (/)", scripts, get(auth, "\"/\"")));
        all.add(wrk("latest list API (/api/topics)", scripts, get(auth, "\"/api/topics\"")));
        all.add(wrk("empty search page (/search)", scripts, get(auth, "\"/search\"")));
        all.add(wrk("topic page (/t/{id})", scripts, get(auth, "\"/t/\" .. math.random(" + firstTopic + ", " + (firstTopic + TOPICS - 1) + ")")));
        all.add(wrk("search (/api/search)", scripts, get(auth, "\"/api/search?q=meeting%20kettle\"")));
        all.add(wrk("contacts (/api/contacts)", scripts, get(auth, "\"/api/contacts?areaId=" + leeds + "&sex=female&requestType=phone\"")));
        all.add(wrk("create post (POST /api/topics/{id}/posts)", scripts, """
                wrk.method = "POST"
                wrk.headers["Authorization"] = "%s"
                wrk.headers["Content-Type"] = "application/json"
                wrk.body = '{"body": "Load test reply, nothing personal"}'
                request = function()
                  return wrk.format(nil, "/api/topics/" .. math.random(%d, %d) .. "/posts")
                end
                response = function(status, headers, body)
                  if status >= 300 then io.write("STATUS " .. status .. " " .. string.sub(body, 1, 120) .. "\n") end
                end
                """.formatted(auth, firstTopic, firstTopic + TOPICS - 1)));
        double pgbench = pgbench();
        long rssMb = rssMb();
        System.out.printf("%n%-44s %9s %8s %8s %7s %12s%n", "at " + CONNECTIONS + " connections, " + DURATION, "req/s", "p50 ms",
                "p99 ms", "errors", "÷ pgbench -S");
        for (Figures f : all) {
            System.out.printf("%-44s %9.0f %8.2f %8.2f %7d %12.3f%n", f.name(), f.rps(), f.p50(), f.p99(), f.errors(),
                    f.rps() / pgbench);
        }
        System.out.printf("%-44s %9.0f%n", "pgbench -S (same PostgreSQL, baseline)", pgbench);
        System.out.printf("app JVM RSS after the run: %d MB (the test JVM: an upper bound for the app)%n%n", rssMb);
    }

    private long seed() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("""
                    INSERT INTO topics (category_id, title, opener_id, posts_count, created_at, last_activity_at)
                    SELECT (SELECT id FROM categories WHERE slug = CASE WHEN g % 3 = 0 THEN 'helpliners' ELSE 'general' END),
                           'Topic ' || g || ' about the ' || (ARRAY['meeting','kettle','rota','service','literature'])[1 + g % 5],
                           (SELECT id FROM accounts WHERE subject = 'sub-loadtester'), 10,
                           now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval
                    FROM generate_series(1, 100000) g""");
            sql.execute("""
                    INSERT INTO posts (topic_id, post_number, author_id, body, html, created_at)
                    SELECT t.id, n, t.opener_id,
                           'Reply ' || n || ': see you at the ' || (ARRAY['meeting','kettle','rota','service','literature'])[1 + (t.id + n) % 5] || ' on Tuesday.',
                           '<p>Reply ' || n || '</p>', t.created_at
                    FROM topics t CROSS JOIN generate_series(1, 10) n WHERE t.title LIKE 'Topic %'""");
            sql.execute("ANALYZE");
            try (var rows = sql.executeQuery("SELECT min(id) FROM topics WHERE title LIKE 'Topic %'")) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Inject
    org.stepcalls.volunteers.CsvImport csvImport;

    /** 10,000 volunteers through the real import, so their numbers are really sealed (drama landlines). */
    private void importVolunteers() throws Exception {
        StringBuilder csv = new StringBuilder(String.join(",", org.stepcalls.volunteers.CsvImport.HEADER)).append('\n');
        String[] towns = { "Leeds", "Bradford", "York", "Sheffield", "Manchester", "London", "Bristol", "Glasgow" };
        for (int i = 0; i < 10_000; i++) {
            csv.append("Volunteer,").append(org.stepcalls.privacy.DramaNumbers.landline(i)).append(',')
                    .append(i % 2 == 0 ? "female" : "male").append(',').append(towns[i % towns.length])
                    .append(",2015-01-01,true,").append(i % 3 == 0).append('\n');
        }
        long coordinator;
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
                var rows = sql.executeQuery("SELECT id FROM accounts WHERE subject = 'sub-loadtester'")) {
            rows.next();
            coordinator = rows.getLong(1);
        }
        var result = csvImport.importCsv(org.stepcalls.platform.security.Viewer.of(coordinator,
                org.stepcalls.platform.security.Role.COORDINATOR), csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
        if (!result.rejected().isEmpty()) {
            throw new IllegalStateException("seed rejected: " + result.rejected().get(0));
        }
    }

    /** Prints a query's plan with timings, for finding where a page's time goes. */
    private void explain(String query) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
                var rows = sql.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + query)) {
            System.out.println("plan:");
            while (rows.next()) {
                System.out.println("plan:   " + rows.getString(1));
            }
        }
    }

    private long area(String name) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
                var rows = sql.executeQuery("SELECT id FROM areas WHERE name = '" + name + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String get(String auth, String pathExpression) {
        return """
                wrk.headers["Authorization"] = "%s"
                request = function()
                  return wrk.format("GET", %s)
                end
                """.formatted(auth, pathExpression);
    }

    private Figures wrk(String name, Path scripts, String lua) throws IOException, InterruptedException {
        Path script = scripts.resolve(name.replaceAll("\\W+", "-") + ".lua");
        Files.writeString(script, lua);
        String target = base.toString().replaceAll("/$", "");
        Thread.sleep(3_000); // let the previous scenario's last queries finish on the server
        run("wrk", "-t2", "-c" + CONNECTIONS, "-d5s", "-s", script.toString(), target); // warm-up
        String out = run("wrk", "-t2", "-c" + CONNECTIONS, "-d" + DURATION, "--latency", "-s", script.toString(), target);
        out.lines().filter(l -> l.startsWith("STATUS")).distinct().limit(5).forEach(l -> System.out.println("  " + name + ": " + l));
        return new Figures(name, number(out, "Requests/sec:\\s+([\\d.]+)"), millis(out, "50%"), millis(out, "99%"),
                (long) (number(out, "Non-2xx or 3xx responses:\\s+(\\d+)") + socketErrors(out)));
    }

    private double pgbench() throws IOException, InterruptedException {
        Matcher port = Pattern.compile("localhost:(\\d+)/").matcher(jdbcUrl);
        port.find();
        String[] connect = { "-h", "localhost", "-p", port.group(1), "-U", "postgres" };
        List<String> init = new ArrayList<>(List.of("pgbench", "-i", "-q", "-s", "10"));
        init.addAll(List.of(connect));
        init.add("postgres");
        run(init.toArray(String[]::new));
        List<String> select = new ArrayList<>(List.of("pgbench", "-S", "-n", "-c", String.valueOf(CONNECTIONS), "-j", "2",
                "-T", DURATION.replace("s", "")));
        select.addAll(List.of(connect));
        select.add("postgres");
        return number(run(select.toArray(String[]::new)), "tps = ([\\d.]+)");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
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

    private static long rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
