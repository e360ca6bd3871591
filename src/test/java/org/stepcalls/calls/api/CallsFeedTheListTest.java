package org.stepcalls.calls.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.forum.web.PageSession;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Calls feed the 12th Step list: what an attempt finds about a list volunteer takes them out of
 * matching at once and gives a coordinator a task (R6, R9, R13); tasks hold no caller detail and
 * outlive the call (R16, R19).
 */
@QuarkusTest
class CallsFeedTheListTest {

    private final ForumApiClient opener = new ForumApiClient(TestUsers.helpliner("fenella"));
    private final ForumApiClient coordinator = new ForumApiClient(TestUsers.coordinator("fergus"));

    @Inject
    EntityManager entityManager;

    @Test
    void notEligibleNeedsAReasonAndTakesTheVolunteerOutOfMatchingAtOnce() { // R6
        long area = area();
        long volunteer = ListFixtures.addId(ListFixtures.volunteer("Rosalind", "female", area));
        long id = open(area);
        assertThat(offeredForCall(id)).contains(volunteer);

        opener.post(attempts(id), CallFixtures.attempt("volunteer", volunteer, null, "not_eligible")).statusCode(400)
                .body("error", equalTo("reason_required"));
        opener.post(attempts(id), notEligible(volunteer, "relapsed")).statusCode(201);

        assertThat(offeredForCall(id)).doesNotContain(volunteer);
        assertThat(offeredNear(area)).doesNotContain(volunteer);
        JsonPath task = task(volunteer, "check_eligibility");
        assertThat(task.getString("reason")).isEqualTo("relapsed");
        assertThat(task.getString("firstName")).isEqualTo("Rosalind");
        assertThat(task.getBoolean("done")).isFalse();
        // the relapse is the volunteer's own story: the coordinator is told, the call's readers are not
        opener.topic(id).body("posts[1].body", containsString("not eligible")).body("posts[1].body", not(containsString("relaps")));
    }

    @Test
    void aRelapseTaskIsDoneOnlyWithTheNewCleanDateAndARecentOneKeepsThemOutOfMatching() { // R6
        long area = area();
        long volunteer = ListFixtures.addId(ListFixtures.volunteer("Sorcha", "female", area));
        opener.post(attempts(open(area)), notEligible(volunteer, "relapsed")).statusCode(201);
        long task = task(volunteer, "check_eligibility").getLong("id");

        coordinator.post("/api/tasks/" + task + "/done", null).statusCode(400).body("error", equalTo("clean_date_required"));
        coordinator.post("/api/tasks/" + task + "/done", Map.of("cleanDate", LocalDate.now().plusDays(2).toString()))
                .statusCode(400);
        String cleanDate = LocalDate.now().minusMonths(2).toString();
        coordinator.post("/api/tasks/" + task + "/done", Map.of("cleanDate", cleanDate)).statusCode(200)
                .body("done", equalTo(true)).body("resolution", equalTo("clean_date_updated"));
        coordinator.post("/api/tasks/" + task + "/done", Map.of("cleanDate", cleanDate)).statusCode(409)
                .body("error", equalTo("task_done"));

        coordinator.get("/api/volunteers/" + volunteer).body("cleanDate", equalTo(cleanDate)).body("eligible", equalTo(false));
        assertThat(offeredNear(area)).as("two months clean is under the minimum").doesNotContain(volunteer);
    }

    @Test
    void aVolunteerComesBackWhenTheTaskIsDoneAndTheyAreStillEligible() { // R6
        long area = area();
        long relapsed = ListFixtures.addId(ListFixtures.volunteer("Tamsin", "female", area));
        long unwilling = ListFixtures.addId(ListFixtures.volunteer("Ulrike", "female", area));
        long id = open(area);
        opener.post(attempts(id), notEligible(relapsed, "relapsed")).statusCode(201);
        opener.post(attempts(id), notEligible(unwilling, "not_willing")).statusCode(201);
        assertThat(offeredNear(area)).doesNotContain(relapsed, unwilling);

        // a relapse long ago, only now told: the new clean date still gives more than the minimum
        coordinator.post("/api/tasks/" + task(relapsed, "check_eligibility").getLong("id") + "/done",
                Map.of("cleanDate", LocalDate.now().minusYears(2).toString())).statusCode(200);
        coordinator.post("/api/tasks/" + task(unwilling, "check_eligibility").getLong("id") + "/done", null).statusCode(200)
                .body("resolution", equalTo("kept_on_list"));
        assertThat(offeredNear(area)).contains(relapsed, unwilling);
    }

    @Test
    void wantingOffTheListRaisesARemovalTaskWhoseDoneErasesTheEntryAndItsNumber() { // R13
        long area = area();
        long volunteer = ListFixtures.addId(ListFixtures.volunteer("Vivienne", "female", area));
        long id = open(area);
        opener.post(attempts(id), CallFixtures.attempt("volunteer", volunteer, null, "wants_off_list")).statusCode(201);
        opener.topic(id).body("posts[1].body", containsString("wants to leave the 12th Step list"))
                .body("posts[1].body", not(containsString("Checks"))); // they were not assessed
        assertThat(offeredForCall(id)).doesNotContain(volunteer);
        // a second call hearing the same makes no second task
        opener.post(attempts(open(area)), CallFixtures.attempt("volunteer", volunteer, null, "wants_off_list")).statusCode(201);
        List<Map<String, Object>> tasks = coordinator.get("/api/tasks").statusCode(200).extract().jsonPath()
                .getList("tasks.findAll { it.volunteerId == " + volunteer + " }");
        assertThat(tasks).hasSize(1);
        long task = ((Number) tasks.get(0).get("id")).longValue();

        coordinator.post("/api/tasks/" + task + "/done", null).statusCode(200).body("resolution", equalTo("removed_from_list"))
                .body("firstName", equalTo(null));
        coordinator.get("/api/volunteers/" + volunteer).statusCode(404);
        assertThat(count("SELECT count(*) FROM volunteers WHERE id = " + volunteer)).as("the entry and its number").isZero();
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'volunteer_removed' AND detail = 'asked_to_leave'"
                + " AND volunteer_id = " + volunteer)).isOne();
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'task_done' AND volunteer_id = " + volunteer)).isOne();
        coordinator.get("/api/tasks").body("tasks.find { it.id == " + task + " }.done", equalTo(true));
    }

    @Test
    void aMemberSeesTasksAboutTheirEntryInTheirDataAndLeavingSettlesThem() { // R13, GDPR Art. 15
        long area = area();
        ForumApiClient member = new ForumApiClient(TestUsers.member("morwenna"));
        long volunteer = member.put("/api/volunteers/me", ListFixtures.volunteer("Morwenna", "female", area)).statusCode(200)
                .extract().jsonPath().getLong("id");
        opener.post(attempts(open(area)), notEligible(volunteer, "not_willing")).statusCode(201);
        member.get("/api/me/data").statusCode(200).body("listTasks[0].kind", equalTo("check_eligibility"))
                .body("listTasks[0].reason", equalTo("not_willing")).body("listTasks[0].done", equalTo(false));
        long task = task(volunteer, "check_eligibility").getLong("id");

        io.restassured.RestAssured.given().header("Authorization", TestUsers.bearer(TestUsers.member("morwenna")))
                .delete("/api/volunteers/me").then().statusCode(204);
        coordinator.get("/api/tasks").body("tasks.find { it.id == " + task + " }.done", equalTo(true))
                .body("tasks.find { it.id == " + task + " }.volunteerId", equalTo(null))
                .body("tasks.find { it.id == " + task + " }.firstName", equalTo(null));
        coordinator.post("/api/tasks/" + task + "/done", null).statusCode(409);
    }

    @Test
    void anInvitationRaisesASendListFormTaskNamingTheContactByFirstNameOnly() { // R9
        long area = area();
        long id = open(area);
        Map<String, Object> invited = CallFixtures.attempt("meeting", null, CallRulesTest.meeting(), "declined");
        invited.put("invitedToList", true);
        invited.put("invitedFirstName", "Wren " + DramaNumbers.mobile());
        opener.post(attempts(id), invited).statusCode(400).body("message", containsString("first name"));
        invited.put("invitedFirstName", "Wrenna");
        opener.post(attempts(id), invited).statusCode(201);

        List<Map<String, Object>> forms = coordinator.get("/api/tasks").extract().jsonPath()
                .getList("tasks.findAll { it.kind == 'send_list_form' && it.firstName == 'Wrenna' && !it.done }");
        assertThat(forms).hasSize(1);
        assertThat(forms.get(0).get("volunteerId")).isNull();
        coordinator.post("/api/tasks/" + forms.get(0).get("id") + "/done", null).statusCode(200)
                .body("resolution", equalTo("form_sent"));
    }

    @Test
    void tasksHoldNoCallerDetailAndSurviveThePurge() { // R16, R19
        long area = area();
        long volunteer = ListFixtures.addId(ListFixtures.volunteer("Yvaine", "female", area));
        String number = DramaNumbers.mobile();
        Map<String, Object> intake = CallFixtures.intake(area, "Xanthippe", number);
        intake.put("notes", "Lives above the Quarry Lane launderette");
        long id = opener.post("/api/calls", intake).statusCode(201).extract().jsonPath().getLong("topicId");
        int callNumber = opener.get("/api/calls/" + id).extract().jsonPath().getInt("number");
        Map<String, Object> relapse = notEligible(volunteer, "relapsed");
        relapse.put("notes", "Xanthippe sounded scared; Yvaine used last week");
        relapse.put("invitedToList", true);
        relapse.put("invitedFirstName", "Zelda");
        opener.post(attempts(id), relapse).statusCode(201);

        String json = coordinator.get("/api/tasks").statusCode(200).extract().asString();
        String page = new PageSession(TestUsers.coordinator("fergus")).get("/tasks").then().statusCode(200).extract().asString();
        for (String shown : List.of(json, page)) {
            assertThat(shown).contains("Yvaine", "Zelda").doesNotContain("Xanthippe", "Quarry", "scared", "used last week",
                    "/calls/" + id + "\"", "Call " + callNumber);
            assertThat(shown).doesNotContainPattern("\"(topicId|callId|number)\"");
            for (String spelling : DramaNumbers.spellings(number)) {
                assertThat(shown).doesNotContain(spelling);
            }
        }
        List<String> columns = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'volunteer_tasks'", String.class)
                .getResultList());
        assertThat(columns).as("nothing ties a task to its call").noneMatch(c -> c.contains("call") || c.contains("topic")
                || c.contains("post") || c.contains("note"));

        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "UPDATE calls SET opened_at = now() - interval '31 days' WHERE topic_id = " + id).executeUpdate());
        coordinator.post("/api/admin/purge", null).statusCode(200);
        opener.get("/api/calls/" + id).statusCode(404);
        assertThat(task(volunteer, "check_eligibility").getBoolean("done")).isFalse();
        assertThat(offeredNear(area)).as("still out of matching after the call is gone").doesNotContain(volunteer);
        coordinator.get("/api/tasks").body("tasks.findAll { it.firstName == 'Zelda' }.size()", equalTo(1));
    }

    @Test
    void onlyCoordinatorsSeeAndSettleTasks() {
        long area = area();
        long volunteer = ListFixtures.addId(ListFixtures.volunteer("Aoife", "female", area));
        opener.post(attempts(open(area)), CallFixtures.attempt("volunteer", volunteer, null, "wants_off_list")).statusCode(201);
        long task = task(volunteer, "remove_from_list").getLong("id");
        for (String token : List.of(TestUsers.member("mervyn"), TestUsers.helpliner("fenella"), TestUsers.admin("adeline"))) {
            ForumApiClient notCoordinator = new ForumApiClient(token);
            notCoordinator.get("/api/tasks").statusCode(403);
            notCoordinator.post("/api/tasks/" + task + "/done", null).statusCode(403);
            assertThat(new PageSession(token).get("/tasks").statusCode()).isEqualTo(403);
            assertThat(new PageSession(token).get("/").asString()).doesNotContain("href=\"/tasks\"");
        }
        assertThat(new PageSession(TestUsers.coordinator("fergus")).get("/").asString()).contains("href=\"/tasks\"");
        coordinator.post("/api/tasks/999999999/done", null).statusCode(404);
        coordinator.get("/api/tasks").body("tasks.find { it.id == " + task + " }.done", equalTo(false));
    }

    private long open(long area) {
        return opener.post("/api/calls", CallFixtures.intake(area)).statusCode(201).extract().jsonPath().getLong("topicId");
    }

    private static String attempts(long id) {
        return "/api/calls/" + id + "/attempts";
    }

    private static Map<String, Object> notEligible(long volunteer, String reason) {
        Map<String, Object> attempt = CallFixtures.attempt("volunteer", volunteer, null, "not_eligible");
        attempt.put("checks", CallFixtures.checks(false, true, true));
        attempt.put("reason", reason);
        return attempt;
    }

    private List<Long> offeredForCall(long id) {
        return opener.get("/api/calls/" + id + "/contacts").statusCode(200).extract().jsonPath().getList("volunteers.id", Long.class);
    }

    private List<Long> offeredNear(long area) {
        return opener.get("/api/contacts?areaId=" + area + "&sex=female&requestType=visit").statusCode(200).extract()
                .jsonPath().getList("volunteers.id", Long.class);
    }

    /** The open task of that kind about the volunteer, else their latest one. */
    private JsonPath task(long volunteer, String kind) {
        JsonPath tasks = coordinator.get("/api/tasks").statusCode(200).extract().jsonPath();
        Map<String, Object> task = tasks.getMap("tasks.find { it.volunteerId == " + volunteer + " && it.kind == '" + kind + "' }");
        assertThat(task).as("a %s task for volunteer %s", kind, volunteer).isNotNull();
        return new JsonPath(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(task).toString());
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql).getSingleResult())
                .longValue());
    }

    private static long area() {
        return ListFixtures.area(ListFixtures.origin(), 0);
    }
}
