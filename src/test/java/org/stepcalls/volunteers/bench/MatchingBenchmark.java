package org.stepcalls.volunteers.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.security.Role;
import org.stepcalls.privacy.CryptoService;
import org.stepcalls.privacy.CryptoService.Purpose;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.privacy.PhoneNumbers;
import org.stepcalls.volunteers.Area;
import org.stepcalls.volunteers.ContactMatcher;
import org.stepcalls.volunteers.CsvImport;
import org.stepcalls.volunteers.RequestType;
import org.stepcalls.volunteers.Sex;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Not a test: a harness that prints matching latency with 10,000 volunteers and 2,000 meetings
 * (target p95 under 20 ms). Run it with {@code bench/matching.sh}. It asserts nothing about time.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "stepcalls.bench", matches = "true")
class MatchingBenchmark {

    private static final int VOLUNTEERS = 10_000;
    private static final int MEETINGS = 2_000;
    private static final int EXTRA_AREAS = 176;
    private static final int WARMUP = 300;
    private static final int RUNS = 3_000;

    @Inject
    ContactMatcher matcher;

    @Inject
    CsvImport csvImport;

    @Inject
    CryptoService crypto;

    @Inject
    PhoneNumbers phoneNumbers;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void printMatchingLatency() throws Exception {
        Random random = new Random(42);
        long seeding = System.nanoTime();
        seed(random);
        System.out.printf("%nseeded %,d volunteers, %,d meetings, %d areas in %.1f s%n", VOLUNTEERS, MEETINGS,
                Area.count(), (System.nanoTime() - seeding) / 1e9);

        List<Area> areas = QuarkusTransaction.requiringNew().call(() -> Area.<Area> listAll());
        Sex[] sexes = Sex.values();
        RequestType[] types = RequestType.values();
        long[] matching = new long[RUNS];
        long[] baseline = new long[RUNS];
        int listed = 0;
        for (int i = -WARMUP; i < RUNS; i++) {
            Area area = areas.get(random.nextInt(areas.size()));
            Sex sex = sexes[random.nextInt(2)];
            RequestType type = types[random.nextInt(types.length)];
            long start = System.nanoTime();
            ContactMatcher.Contacts found = QuarkusTransaction.requiringNew().call(() -> matcher.find(area, sex, type));
            long took = System.nanoTime() - start;
            long baseStart = System.nanoTime();
            selectOne();
            long baseTook = System.nanoTime() - baseStart;
            if (i >= 0) {
                matching[i] = took;
                baseline[i] = baseTook;
                listed += found.volunteers().size();
            }
        }
        report("matching (service + PostgreSQL)", matching);
        report("baseline SELECT 1 (same pool)", baseline);
        System.out.printf("average volunteers listed per query: %.1f%n", listed / (double) RUNS);
        System.out.printf("p95 ratio matching / baseline: %.1f%n%n", percentile(matching, 95) / percentile(baseline, 95));
    }

    private void seed(Random random) throws Exception {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < EXTRA_AREAS; i++) {
                Area area = new Area();
                area.name = "Benchtown " + i;
                area.region = "Region " + (i % 12);
                area.latitude = 50.2 + random.nextDouble() * 5.5;
                area.longitude = -5.0 + random.nextDouble() * 6.5;
                area.persist();
            }
        });
        List<String> towns = QuarkusTransaction.requiringNew()
                .call(() -> Area.<Area> listAll().stream().map(a -> a.name).toList());
        StringBuilder csv = new StringBuilder(String.join(",", CsvImport.HEADER)).append('\n');
        for (int i = 0; i < VOLUNTEERS; i++) {
            LocalDate clean = LocalDate.now().minusDays(100 + random.nextInt(8_000));
            csv.append("Volunteer").append(',').append(DramaNumbers.landline(i)).append(',')
                    .append(random.nextBoolean() ? "female" : "male").append(',')
                    .append(towns.get(random.nextInt(towns.size()))).append(',').append(clean).append(',')
                    .append(i % 10 != 0).append(',').append(i % 10 == 0 || random.nextInt(10) < 4)
                    .append('\n');
        }
        byte[] file = csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Viewer coordinator = Viewer.of(coordinatorAccount(), Role.COORDINATOR);
        CsvImport.Result result = csvImport.importCsv(coordinator, file, true);
        if (!result.rejected().isEmpty()) {
            throw new IllegalStateException("seed import rejected " + result.rejected().subList(0, 3));
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // everyone also covers one or two more areas
            statement.executeUpdate("""
                    INSERT INTO volunteer_areas (volunteer_id, area_id)
                    SELECT v.id, (SELECT id FROM areas ORDER BY random() + v.id * 0 LIMIT 1)
                    FROM volunteers v WHERE v.id % 2 = 0 ON CONFLICT DO NOTHING""");
            statement.execute("UPDATE volunteers SET last_asked_at = now() - (id % 400) * interval '1 day' WHERE id % 3 = 0");
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO meetings (id, name, area_id, weekday, starts_at, contact_name, contact_phone_cipher)
                    SELECT ?, ?, id, 'monday', ?, 'Contact', ? FROM areas ORDER BY random() LIMIT 1""")) {
                for (int i = 0; i < MEETINGS; i++) {
                    long id;
                    try (ResultSet next = statement.executeQuery("SELECT nextval(pg_get_serial_sequence('meetings', 'id'))")) {
                        next.next();
                        id = next.getLong(1); // the sealed number is bound to its row's id
                    }
                    String phone = phoneNumbers.normalise(DramaNumbers.landline(VOLUNTEERS + (i % 2_000))).orElseThrow();
                    insert.setLong(1, id);
                    insert.setString(2, "Meeting " + i);
                    insert.setObject(3, LocalTime.of(18 + random.nextInt(3), 0));
                    insert.setBytes(4, crypto.seal(phone, Purpose.MEETING_CONTACT_PHONE, id));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            statement.execute("ANALYZE");
        }
    }

    private long coordinatorAccount() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("""
                        INSERT INTO accounts (issuer, subject, display_name, created_at, username)
                        VALUES ('bench', 'coordinator', 'Bench Coordinator', now(), 'bench_coordinator') RETURNING id""")) {
            row.next();
            return row.getLong(1);
        }
    }

    private void selectOne() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT 1")) {
            row.next();
        }
    }

    private static void report(String what, long[] nanos) {
        System.out.printf("%-34s p50 %6.2f ms   p95 %6.2f ms   p99 %6.2f ms   max %6.2f ms   (n=%d)%n", what,
                percentile(nanos, 50), percentile(nanos, 95), percentile(nanos, 99), percentile(nanos, 100), nanos.length);
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
