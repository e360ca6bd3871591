package org.stepcalls.calls.bench;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.stepcalls.calls.CallPurge;
import org.stepcalls.platform.security.Role;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.platform.security.Viewer;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Not a test: prints how long purging 10,000 calls with 100,000 posts takes (target under 10 s)
 * and the latest page's latency while it runs (target p99 under 100 ms). Run: bench/purge.sh.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "stepcalls.bench", matches = "true")
class PurgeBenchmark {

    private static final int CALLS = 10_000;
    private static final int POSTS_PER_CALL = 10;

    @Inject
    CallPurge purge;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void printPurgeFigures() throws Exception {
        String token = TestUsers.helpliner("benchley");
        given().header("Authorization", TestUsers.bearer(token)).get("/api/categories").then().statusCode(200);
        long seeding = System.nanoTime();
        seed();
        System.out.printf("%nseeded %,d calls with %,d posts in %.1f s%n", CALLS, CALLS * POSTS_PER_CALL,
                (System.nanoTime() - seeding) / 1e9);

        long[] idle = latencies(token, 300);
        AtomicBoolean purging = new AtomicBoolean(true);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        List<Long> during = new ArrayList<>();
        long start = System.nanoTime();
        Future<CallPurge.Result> result = pool.submit(() -> {
            try {
                return purge.runNow(Viewer.of(1, Role.ADMIN));
            } finally {
                purging.set(false);
            }
        });
        while (purging.get()) {
            long t = System.nanoTime();
            given().header("Authorization", TestUsers.bearer(token)).get("/api/topics").then().statusCode(200);
            during.add(System.nanoTime() - t);
        }
        CallPurge.Result done = result.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("purge: %,d calls, %,d posts, %,d outcomes kept in %.2f s%n", done.purgedCalls(),
                done.purgedPosts(), done.keptOutcomes(), seconds);
        report("latest page, idle", idle);
        report("latest page, during the purge", during.stream().mapToLong(Long::longValue).toArray());
        System.out.println();
    }

    private void seed() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("""
                    INSERT INTO data_keys (wrapped, created_at, epoch)
                    SELECT decode(md5(g::text), 'hex'), now(), to_char(now() AT TIME ZONE 'UTC', 'IYYY-"W"IW')
                    FROM generate_series(1, %d) g""".formatted(CALLS));
            sql.execute("""
                    INSERT INTO topics (category_id, title, opener_id, status, posts_count, created_at, last_activity_at)
                    SELECT (SELECT id FROM categories WHERE slug = '12th-step-calls'), 'Call ' || g || ' · Leeds area · phone call requested',
                           (SELECT id FROM accounts WHERE subject = 'sub-benchley'), 'closed', %d,
                           now() - interval '40 days', now() - interval '40 days'
                    FROM generate_series(1, %d) g""".formatted(POSTS_PER_CALL, CALLS));
            sql.execute("""
                    INSERT INTO posts (topic_id, post_number, author_id, kind, body, html, created_at)
                    SELECT t.id, n, t.opener_id, 'attempt', 'Contact attempt number ' || n, '<p>Contact attempt number ' || n || '</p>',
                           t.created_at
                    FROM topics t CROSS JOIN generate_series(1, %d) n
                    WHERE t.title LIKE 'Call %% · Leeds area%%'""".formatted(POSTS_PER_CALL));
            sql.execute("""
                    INSERT INTO calls (topic_id, number, data_key_id, area_id, caller_initial, caller_name_cipher, caller_phone_cipher,
                                       caller_sex, request_type, disabled_or_vulnerable, emergency_guidance_given, opener_id,
                                       opened_at, last_opener_activity_at, outcome, closed_at)
                    SELECT t.id, 100000 + row_number() OVER (ORDER BY t.id), k.id, (SELECT id FROM areas WHERE name = 'Leeds'),
                           'A', '\\x00'::bytea, '\\x00'::bytea, 'female', 'phone', false, false, t.opener_id,
                           t.created_at, t.created_at, 'volunteer_phoned', t.created_at + interval '3 hours'
                    FROM (SELECT id, opener_id, created_at, row_number() OVER (ORDER BY id) r FROM topics
                          WHERE title LIKE 'Call %% · Leeds area%%') t
                    JOIN (SELECT id, row_number() OVER (ORDER BY id) r FROM data_keys) k ON k.r = t.r""");
            sql.execute("ANALYZE");
        }
    }

    private static long[] latencies(String token, int n) {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            given().header("Authorization", TestUsers.bearer(token)).get("/api/topics").then().statusCode(200);
            nanos[i] = System.nanoTime() - t;
        }
        return nanos;
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-32s p50 %6.1f ms   p99 %6.1f ms   max %6.1f ms   (n=%d)%n", what, pct(sorted, 50), pct(sorted, 99),
                sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
