package org.stepcalls.calls.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.CryptoService.Purpose;
import org.stepcalls.privacy.DataKeys;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.privacy.WholeDatabase;
import org.stepcalls.volunteers.api.ListFixtures;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** R16, R19: the purge leaves an anonymised outcome and nothing else of a call. */
@QuarkusTest
class PurgeTest {

    private static final String PLANTED = "Xavierette";

    private final ForumApiClient opener = new ForumApiClient(TestUsers.helpliner("petunia"));
    private final ForumApiClient coordinator = new ForumApiClient(TestUsers.coordinator("percival"));

    @Inject
    EntityManager entityManager;

    @Inject
    DataKeys dataKeys;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void dueCallsLeaveOnlyTheirOutcomeAndTheirDetailsBecomeUnreadable() throws Exception {
        String number = DramaNumbers.mobile();
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        long volunteer = ListFixtures.addId(ListFixtures.volunteer("Winifred", "female", area));
        long partner = ListFixtures.addId(ListFixtures.volunteer("Wanda", "female", area));

        long closedLongAgo = open(area, number);
        opener.post("/api/calls/" + closedLongAgo + "/attempts", CallFixtures.attempt("volunteer", volunteer, null, "no_answer"))
                .statusCode(201);
        Map<String, Object> accepted = CallFixtures.attempt("volunteer", volunteer, null, "accepted");
        accepted.put("checks", CallFixtures.checks(true, true, true));
        accepted.put("acceptedFor", "visit");
        accepted.put("partnerVolunteerId", partner);
        opener.post("/api/calls/" + closedLongAgo + "/attempts", accepted).statusCode(201);
        opener.post("/api/calls/" + closedLongAgo + "/close", Map.of("outcome", "visit_in_pairs")).statusCode(200);
        long neverClosed = open(area, DramaNumbers.mobile());
        long closedRecently = open(area, DramaNumbers.mobile());
        opener.post("/api/calls/" + closedRecently + "/close", Map.of("outcome", "caller_declined")).statusCode(200);
        long openRecently = open(area, DramaNumbers.mobile());
        sql("UPDATE calls SET opened_at = now() - interval '8 days 5 hours', closed_at = now() - interval '8 days' "
                + "WHERE topic_id = " + closedLongAgo);
        sql("UPDATE calls SET opened_at = now() - interval '31 days' WHERE topic_id = " + neverClosed);
        sql("UPDATE calls SET opened_at = now() - interval '2 days', closed_at = now() - interval '1 day' "
                + "WHERE topic_id = " + closedRecently);
        Object[] aside = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery(
                "SELECT data_key_id, caller_phone_cipher FROM calls WHERE topic_id = ?1", Object[].class)
                .setParameter(1, closedLongAgo).getSingleResult());
        long outcomesBefore = count("SELECT count(*) FROM outcome_records");

        JsonPath result = coordinator.post("/api/admin/purge", null).statusCode(200).extract().jsonPath();
        assertThat(result.getInt("purgedCalls")).isEqualTo(2);
        assertThat(result.getInt("keptOutcomes")).isEqualTo(2);
        assertThat(result.getInt("purgedPosts")).isEqualTo(5); // intake + 2 attempts + outcome, and an intake

        for (long gone : List.of(closedLongAgo, neverClosed)) {
            opener.get("/api/calls/" + gone).statusCode(404);
            for (String table : List.of("topics WHERE id", "posts WHERE topic_id", "calls WHERE topic_id",
                    "call_records WHERE call_id", "notifications WHERE topic_id")) {
                assertThat(count("SELECT count(*) FROM " + table + " = " + gone)).as(table).isZero();
            }
        }
        opener.get("/api/calls/" + closedRecently).statusCode(200);
        opener.get("/api/calls/" + openRecently).statusCode(200);

        long keyId = ((Number) aside[0]).longValue();
        assertThat(count("SELECT count(*) FROM data_keys WHERE id = " + keyId)).isZero();
        assertThatThrownBy(() -> dataKeys.open(keyId, (byte[]) aside[1], Purpose.CALLER_PHONE, closedLongAgo))
                .isInstanceOf(IllegalStateException.class);

        assertThat(count("SELECT count(*) FROM outcome_records")).isEqualTo(outcomesBefore + 2);
        List<Object[]> kept = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                SELECT region, request_type, outcome, attempts_count, same_sex_match, hours_to_close, iso_week
                FROM outcome_records ORDER BY id DESC LIMIT 2""", Object[].class).getResultList());
        Object[] visit = kept.stream().filter(r -> r[2].equals("visit_in_pairs")).findFirst().orElseThrow();
        assertThat(visit[0]).isEqualTo("Testshire");
        assertThat(visit[1]).isEqualTo("visit");
        assertThat(((Number) visit[3]).intValue()).isEqualTo(2);
        assertThat(visit[4]).isEqualTo(true);
        assertThat(((Number) visit[5]).doubleValue()).isEqualTo(5.0);
        assertThat((String) visit[6]).matches("\\d{4}-W\\d{2}");
        Object[] expired = kept.stream().filter(r -> r[2].equals("expired_unclosed")).findFirst().orElseThrow(); // R19
        assertThat(expired[5]).isNull();
        assertThat(expired[4]).isEqualTo(false);

        String purgeRuns = QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                "SELECT row_to_json(p)::text FROM purge_runs p ORDER BY id DESC LIMIT 1").getSingleResult());
        assertThat(purgeRuns).contains("\"purged_calls\":2").contains("manual");

        assertThat(WholeDatabase.asText(entityManager)).doesNotContain(PLANTED).doesNotContain("above the chemist")
                .doesNotContain(number).doesNotContain(number.replace(" ", ""));
        vacuumAndScanHeapFiles(number);
    }

    @Test
    void aSecondPurgeWhileOneRunsDoesNotRun() throws Exception {
        try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + 0x5354_4550_4341_4C4CL + ")"); // "another instance" purging
            try {
                coordinator.post("/api/admin/purge", null).statusCode(409).body("error", equalTo("purge_running"));
            } finally {
                statement.execute("SELECT pg_advisory_unlock(" + 0x5354_4550_4341_4C4CL + ")");
            }
        }
        coordinator.post("/api/admin/purge", null).statusCode(200);
        opener.post("/api/admin/purge", null).statusCode(403);
        given().post("/api/admin/purge").then().statusCode(401);
    }

    /** After VACUUM, the relation files of every table hold neither the planted name nor the number. */
    private void vacuumAndScanHeapFiles(String number) throws Exception {
        List<Path> files = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("VACUUM");
            statement.execute("CHECKPOINT");
            String dataDirectory;
            try (ResultSet row = statement.executeQuery("SELECT current_setting('data_directory')")) {
                row.next();
                dataDirectory = row.getString(1);
            }
            try (ResultSet rows = statement.executeQuery("""
                    SELECT pg_relation_filepath(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind IN ('r', 't', 'i') AND pg_relation_filepath(c.oid) IS NOT NULL""")) {
                while (rows.next()) {
                    files.add(Path.of(dataDirectory, rows.getString(1)));
                }
            }
        }
        assertThat(files).isNotEmpty();
        List<String> planted = new ArrayList<>(DramaNumbers.spellings(number));
        planted.add(PLANTED);
        for (Path file : files) {
            if (!Files.exists(file)) {
                continue;
            }
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String value : planted) {
                assertThat(bytes).as("%s holds a caller detail", file).doesNotContain(value);
            }
        }
    }

    private long open(long area, String number) {
        Map<String, Object> intake = CallFixtures.intake(area, PLANTED, number);
        intake.put("notes", PLANTED + " lives above the chemist");
        return opener.post("/api/calls", intake).statusCode(201).extract().jsonPath()
                .getLong("topicId");
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(statement).executeUpdate());
    }

    private long count(String query) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(query)
                .getSingleResult()).longValue());
    }
}
