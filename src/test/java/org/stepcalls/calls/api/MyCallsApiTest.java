package org.stepcalls.calls.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** GET /api/calls: the board as a list, by status, overdue first, each call with its next step (R15, R16). */
@QuarkusTest
class MyCallsApiTest {

    private final ForumApiClient mabel = new ForumApiClient(TestUsers.helpliner("mabel"));
    private final ForumApiClient nora = new ForumApiClient(TestUsers.helpliner("nora"));
    private final ForumApiClient coordinator = new ForumApiClient(TestUsers.coordinator("cosmo"));

    @Inject
    EntityManager entityManager;

    @Test
    void mineListsOnlyTheCallsIOpenedOverdueFirstEachWithItsNextStep() { // R15
        long fresh = open(mabel);
        long quiet = open(mabel);
        long closed = open(mabel);
        long noras = open(nora);
        mabel.post("/api/calls/" + closed + "/close", Map.of("outcome", "caller_declined")).statusCode(200);
        goQuiet(quiet);

        JsonPath mine = mabel.get("/api/calls?mine=true").statusCode(200).extract().jsonPath();
        List<Long> ids = mine.getList("calls.topicId", Long.class);
        assertThat(ids).contains(fresh, quiet, closed).doesNotContain(noras);
        assertThat(ids.indexOf(quiet)).as("overdue first").isLessThan(ids.indexOf(fresh));
        assertThat(ids.indexOf(fresh)).as("open before closed").isLessThan(ids.indexOf(closed));
        Map<String, Object> quietOne = mine.getMap("calls.find { it.topicId == " + quiet + " }");
        assertThat(quietOne).containsEntry("status", "open").containsEntry("overdue", true).containsKeys("number", "area",
                "requestType", "openedAt", "lastOpenerActivityAt");
        assertThat(mine.getString("calls.find { it.topicId == " + fresh + " }.nextStep.code")).isEqualTo("find_contact");
        assertThat(mine.getString("calls.find { it.topicId == " + closed + " }.nextStep.code")).isEqualTo("none");
        assertThat(mine.getString("calls.find { it.topicId == " + fresh + " }.nextStep.form")).isNull();
        // R16: the list names no caller
        assertThat(mabel.get("/api/calls?mine=true").extract().asString()).doesNotContain("Quinn").doesNotContain("callerFirstName");
    }

    @Test
    void theStatusFilterKeepsOpenOverdueOrClosedCalls() {
        long fresh = open(mabel);
        long quiet = open(mabel);
        long closed = open(mabel);
        mabel.post("/api/calls/" + closed + "/close", Map.of("outcome", "caller_declined")).statusCode(200);
        goQuiet(quiet);

        assertThat(ids(mabel, "?mine=true&status=open")).contains(fresh, quiet).doesNotContain(closed);
        assertThat(ids(mabel, "?mine=true&status=overdue")).contains(quiet).doesNotContain(fresh, closed);
        assertThat(ids(mabel, "?mine=true&status=closed")).contains(closed).doesNotContain(fresh, quiet);
        mabel.get("/api/calls?status=lost").statusCode(400);
    }

    @Test
    void everyoneWhoFollowsTheBoardSeesEveryCallWithoutMine() { // R16
        long noras = open(nora);
        assertThat(ids(mabel, "")).contains(noras);
        assertThat(ids(mabel, "?mine=false")).contains(noras);
        assertThat(ids(coordinator, "?status=open")).contains(noras);
        assertThat(ids(coordinator, "?mine=true")).doesNotContain(noras);
    }

    @Test
    void membersAndAdminsCannotListTheBoard() { // R16: members see no call at all
        open(mabel);
        new ForumApiClient(TestUsers.member("milo")).get("/api/calls").statusCode(404);
        new ForumApiClient(TestUsers.member("milo")).get("/api/calls?mine=true").statusCode(404);
        new ForumApiClient(TestUsers.token("ada", "admin")).get("/api/calls").statusCode(404);
    }

    @Test
    void theNextStepFollowsTheRecords() { // R11, R14
        long call = open(mabel);
        long volunteer = org.stepcalls.volunteers.api.ListFixtures.addId(org.stepcalls.volunteers.api.ListFixtures
                .volunteer("Vanna", "female", area()));
        Map<String, Object> accepted = CallFixtures.attempt("volunteer", volunteer, null, "accepted");
        accepted.put("checks", CallFixtures.checks(true, true, true));
        accepted.put("acceptedFor", "phone");
        mabel.post("/api/calls/" + call + "/attempts", accepted).statusCode(201);
        assertThat(nextStep(call)).isEqualTo("await_report_back");
        mabel.post("/api/calls/" + call + "/report-backs", Map.of("volunteerId", volunteer, "result", "contact_made"))
                .statusCode(201);
        assertThat(nextStep(call)).isEqualTo("call_back");
        assertThat(mabel.get("/api/calls/" + call).extract().jsonPath().getString("nextStep.text")).contains("withholding");
        mabel.post("/api/calls/" + call + "/callbacks", Map.of("reached", true)).statusCode(201);
        assertThat(nextStep(call)).isEqualTo("close");
    }

    private String nextStep(long call) {
        return mabel.get("/api/calls?mine=true").extract().jsonPath()
                .getString("calls.find { it.topicId == " + call + " }.nextStep.code");
    }

    private static List<Long> ids(ForumApiClient client, String query) {
        return client.get("/api/calls" + query).statusCode(200).extract().jsonPath().getList("calls.topicId", Long.class);
    }

    private void goQuiet(long call) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "UPDATE calls SET last_opener_activity_at = now() - interval '25 hours' WHERE topic_id = ?1")
                .setParameter(1, call).executeUpdate());
    }

    private static Long area;

    /** One area for the whole class: test origins are few (one parallel each). */
    private static synchronized long area() {
        if (area == null) {
            area = CallRulesTest.area();
        }
        return area;
    }

    private static long open(ForumApiClient helpliner) {
        return helpliner.post("/api/calls", CallFixtures.intake(area())).statusCode(201).extract().jsonPath()
                .getLong("topicId");
    }
}
