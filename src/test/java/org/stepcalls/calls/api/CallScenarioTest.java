package org.stepcalls.calls.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.privacy.WholeDatabase;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A whole call through the API as helpliner A, while helpliner B, coordinator C and member M try
 * every read and write. A planted caller name and number must reach nobody but A: not B, C or M,
 * not a table column in clear, not the search index, not the log.
 */
@QuarkusTest
class CallScenarioTest {

    private static final String PLANTED_NAME = "Zebedee";

    private final String a = TestUsers.helpliner("annika");
    private final String b = TestUsers.helpliner("bertram");
    private final String c = TestUsers.coordinator("cosima");
    private final String m = TestUsers.member("magnus");
    private final List<String> seenByOthers = new ArrayList<>();

    @Inject
    EntityManager entityManager;

    @Test
    void aWholeCallSeenFromEveryRole() throws Exception {
        String number = DramaNumbers.mobile();
        long area = CallRulesTest.area();
        Map<String, Object> intake = CallFixtures.intake(area, PLANTED_NAME, number);
        intake.put("notes", PLANTED_NAME + " lives above the chemist, ring " + number);
        long id = call(a, "POST", "/api/calls", intake).then().statusCode(201).extract().jsonPath().getLong("topicId");

        // reading: A sees the caller; B and C see the initial; M sees nothing
        call(a, "GET", "/api/calls/" + id, null).then().statusCode(200).body("caller.firstName", equalTo(PLANTED_NAME))
                .body("caller.phoneMasked", equalTo("•••• ••• " + number.substring(number.length() - 3)))
                .body("notes", equalTo(PLANTED_NAME + " lives above the chemist, ring [number removed]"));
        for (String other : List.of(b, c)) {
            call(other, "GET", "/api/calls/" + id, null).then().statusCode(200).body("caller.firstName", nullValue())
                    .body("caller.initial", equalTo("Z")).body("notes", nullValue());
            call(other, "GET", "/api/topics/" + id, null).then().statusCode(200);
        }
        call(m, "GET", "/api/calls/" + id, null).then().statusCode(404);
        call(m, "GET", "/api/topics/" + id, null).then().statusCode(404);

        // the number: A alone, on demand, audited
        call(a, "POST", "/api/calls/" + id + "/caller-phone", null).then().statusCode(200).body("phone", equalTo(number))
                .header("Cache-Control", "no-store");
        call(b, "POST", "/api/calls/" + id + "/caller-phone", null).then().statusCode(403);
        call(c, "POST", "/api/calls/" + id + "/caller-phone", null).then().statusCode(403);
        call(m, "POST", "/api/calls/" + id + "/caller-phone", null).then().statusCode(404);
        String audit = QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                "SELECT string_agg(row_to_json(a)::text, ' ') FROM audit_log a WHERE topic_id = ?1 AND action = 'caller_phone_revealed'")
                .setParameter(1, id).getSingleResult());
        assertThat(audit).isNotNull();
        assertNoCallerDetail(audit, number);

        // the whole procedure, as A; B, C and M try each write too
        long volunteer = CallRulesTest.volunteer();
        long partner = CallRulesTest.volunteer();
        long meeting = CallRulesTest.meeting();
        call(a, "GET", "/api/calls/" + id + "/contacts", null).then().statusCode(200);
        call(b, "GET", "/api/calls/" + id + "/contacts", null).then().statusCode(200);
        call(m, "GET", "/api/calls/" + id + "/contacts", null).then().statusCode(404);
        Map<String, Object> tried = CallFixtures.attempt("volunteer", volunteer, null, "no_answer");
        Map<String, Object> meetingTried = CallFixtures.attempt("meeting", null, meeting, "declined");
        Map<String, Object> accepted = CallFixtures.attempt("volunteer", volunteer, null, "accepted");
        accepted.put("checks", CallFixtures.checks(true, true, true));
        accepted.put("acceptedFor", "visit");
        accepted.put("partnerVolunteerId", partner);
        for (Map<String, Object> attempt : List.of(tried, meetingTried, accepted)) {
            for (String notOpener : List.of(b, c)) {
                call(notOpener, "POST", "/api/calls/" + id + "/attempts", attempt).then().statusCode(403);
            }
            call(m, "POST", "/api/calls/" + id + "/attempts", attempt).then().statusCode(404);
            call(a, "POST", "/api/calls/" + id + "/attempts", attempt).then().statusCode(201);
        }
        Map<String, Object> reportBack = Map.of("volunteerId", volunteer, "result", "contact_made");
        call(b, "POST", "/api/calls/" + id + "/report-backs", reportBack).then().statusCode(403);
        call(a, "POST", "/api/calls/" + id + "/report-backs", reportBack).then().statusCode(201);
        call(c, "POST", "/api/calls/" + id + "/callbacks", Map.of("reached", true)).then().statusCode(403);
        call(a, "POST", "/api/calls/" + id + "/callbacks", Map.of("reached", true)).then().statusCode(201);
        call(b, "POST", "/api/topics/" + id + "/posts", Map.of("body", "Good luck with this one")).then().statusCode(201);
        call(m, "POST", "/api/topics/" + id + "/posts", Map.of("body", "Let me help")).then().statusCode(404);

        // two tabs close at once: one wins, the other is told it is already closed
        List<Integer> statuses = closeTwiceAtOnce(id);
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        call(c, "POST", "/api/calls/" + id + "/close", Map.of("outcome", "visit_in_pairs")).then().statusCode(403);

        // everything B, C and M were shown, the search index, the tables in clear, the log
        for (String other : List.of(b, c, m)) {
            call(other, "GET", "/api/calls/" + id, null);
            call(other, "GET", "/api/topics/" + id, null);
            call(other, "GET", "/api/topics?category=12th-step-calls", null);
            call(other, "GET", "/api/search?q=" + PLANTED_NAME, null);
            call(other, "GET", "/api/search?q=chemist", null);
        }
        for (String body : seenByOthers) {
            assertNoCallerDetail(body, number);
        }
        call(a, "GET", "/api/search?q=" + PLANTED_NAME, null).then().body("results", org.hamcrest.Matchers.empty());
        call(a, "GET", "/api/search?q=chemist", null).then().body("results", org.hamcrest.Matchers.empty());
        assertNoCallerDetail(WholeDatabase.asText(entityManager), number);
        assertNoCallerDetail(Files.readString(Path.of("target/stepcalls-test.log")), number);
    }

    private List<Integer> closeTwiceAtOnce(long id) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> close = () -> call(a, "POST", "/api/calls/" + id + "/close",
                    Map.of("outcome", "visit_in_pairs", "notes", "Visited in pairs")).statusCode();
            List<Future<Integer>> results = pool.invokeAll(List.of(close, close));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        } finally {
            pool.shutdown();
        }
    }

    private Response call(String token, String method, String path, Object body) {
        var request = given().header("Authorization", TestUsers.bearer(token)).contentType(ContentType.JSON);
        if (body != null) {
            request = request.body(body);
        }
        Response response = request.request(method, path);
        if (!token.equals(a)) {
            seenByOthers.add(response.asString());
        }
        return response;
    }

    private static void assertNoCallerDetail(String text, String number) {
        assertThat(text).doesNotContain(PLANTED_NAME);
        for (String spelling : DramaNumbers.spellings(number)) {
            assertThat(text).doesNotContain(spelling);
            String hex = HexFormat.of().formatHex(spelling.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(text).doesNotContain(hex);
        }
    }
}
