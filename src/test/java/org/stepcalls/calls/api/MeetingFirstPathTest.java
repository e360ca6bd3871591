package org.stepcalls.calls.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.FreshLetters;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.privacy.WholeDatabase;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The meeting-first path (issue 12): a caller encouraged to a meeting at intake opens no call and
 * leaves only a count; refusals under R1 and R2 are counted too; a welcome at a meeting's door runs
 * through the board with its own, lighter matching.
 */
@QuarkusTest
class MeetingFirstPathTest {

    private final ForumApiClient helpliner = new ForumApiClient(TestUsers.helpliner("maeve"));
    private final ForumApiClient coordinator = new ForumApiClient(ListFixtures.COORDINATOR);
    private final ForumApiClient member = new ForumApiClient(TestUsers.member("mungo"));

    @Inject
    EntityManager entityManager;

    @Test
    void aCallerWhoCanGetToAMeetingGetsTheNearestMeetingsAndNothingAboutThemIsStored() { // R16, R4, R20
        String origin = ListFixtures.origin();
        long here = ListFixtures.area(origin, 0);
        long near = ListFixtures.area(origin, 12);
        long beyond = ListFixtures.area(origin, 150);
        long nearby = meeting("Riverside Hope Group", near, "tuesday", "Side door of St Anne's church hall");
        long local = meeting("Market Street Group", here, "friday", null);
        meeting("Faraway Group", beyond, "monday", null);
        long calls = count("SELECT count(*) FROM calls");
        long topics = count("SELECT count(*) FROM topics");
        long referrals = outcomes("referred_to_meeting_at_intake");

        String name = "Ximenaquell";
        String number = DramaNumbers.mobile();
        Map<String, Object> form = CallFixtures.intake(here, name, number);
        form.put("notes", "Lives with Zebedianne, will go tonight");
        form.put("canGetToMeeting", true);
        String answer = helpliner.post("/api/calls", form).statusCode(200).body("referred", equalTo(true))
                .extract().asString();
        JsonPath referred = JsonPath.from(answer);
        assertThat(referred.getList("meetings.id", Long.class)).containsExactly(local, nearby); // nearest first, in reach
        assertThat(referred.getString("meetings[1].venue")).isEqualTo("Side door of St Anne's church hall");
        assertThat(referred.getList("meetings.contactPhone")).containsOnlyNulls(); // R4: read to a caller
        assertThat(referred.getList("meetings.contactName")).containsOnlyNulls();

        assertThat(count("SELECT count(*) FROM calls")).isEqualTo(calls);
        assertThat(count("SELECT count(*) FROM topics")).isEqualTo(topics);
        String everything = WholeDatabase.asText(entityManager);
        String digits = number.replace(" ", "").substring(1);
        assertThat(everything).doesNotContain(name).doesNotContain("Zebedianne").doesNotContain(digits);
        assertThat(outcomes("referred_to_meeting_at_intake")).isEqualTo(referrals + 1);
        assertThat(lastOutcome()).isEqualTo("Testshire intake referred_to_meeting_at_intake 0 f null");
    }

    @Test
    void aReferralNeedsOnlyTheAreaAndStillHonoursR1AndR2() { // R1, R2
        Map<String, Object> bare = new java.util.HashMap<>(Map.of("canGetToMeeting", true, "requesterIsAddict", true,
                "prisonGateRequest", false));
        helpliner.post("/api/calls", bare).statusCode(400).body("error", equalTo("invalid_input"))
                .body("message", containsString("area"));
        bare.put("areaId", CallRulesTest.area());
        helpliner.post("/api/calls", bare).statusCode(200).body("referred", equalTo(true));
        bare.put("requesterIsAddict", false);
        helpliner.post("/api/calls", bare).statusCode(400).body("error", equalTo("requester_not_addict"));
        member.post("/api/calls", Map.of("canGetToMeeting", true, "areaId", CallRulesTest.area())).statusCode(403);
    }

    @Test
    void refusalsUnderR1AndR2AreRefusedAsBeforeAndCounted() { // R1, R2
        long calls = count("SELECT count(*) FROM calls");
        long notAddict = outcomes("refused_not_addict");
        long prisonGate = outcomes("refused_prison_gate");

        Map<String, Object> friend = CallFixtures.intake(CallRulesTest.area());
        friend.put("requesterIsAddict", false);
        helpliner.post("/api/calls", friend).statusCode(400).body("error", equalTo("requester_not_addict"));
        Map<String, Object> release = CallFixtures.intake(CallRulesTest.area());
        release.put("prisonGateRequest", true);
        helpliner.post("/api/calls", release).statusCode(400).body("error", equalTo("prison_gate"));
        release.remove("areaId"); // refused before the area was asked: counted all the same, without a region
        helpliner.post("/api/calls", release).statusCode(400).body("error", equalTo("prison_gate"));

        assertThat(outcomes("refused_not_addict")).isEqualTo(notAddict + 1);
        assertThat(outcomes("refused_prison_gate")).isEqualTo(prisonGate + 2);
        assertThat(lastOutcome()).isEqualTo("not given intake refused_prison_gate 0 f null");
        assertThat(count("SELECT count(*) FROM calls")).isEqualTo(calls);
    }

    @Test
    void outcomesShowWhatEndedAtIntakeWithSmallCountsHidden() { // R20
        long fiveTimes = area("Referralshire");
        long once = area("Refusalshire");
        for (int i = 0; i < 5; i++) {
            helpliner.post("/api/calls", Map.of("canGetToMeeting", true, "requesterIsAddict", true, "areaId", fiveTimes))
                    .statusCode(200);
        }
        helpliner.post("/api/calls", Map.of("requesterIsAddict", true, "prisonGateRequest", true, "areaId", once))
                .statusCode(400);

        List<Map<String, Object>> weeks = member.get("/api/outcomes").statusCode(200).extract().jsonPath().getList("weeks");
        assertThat(weeks).anySatisfy(w -> assertThat(w).containsEntry("region", region(fiveTimes))
                .containsEntry("requestType", "intake").containsEntry("outcome", "referred_to_meeting_at_intake")
                .containsEntry("count", 5));
        assertThat(weeks).anySatisfy(w -> assertThat(w).containsEntry("region", region(once))
                .containsEntry("outcome", "refused_prison_gate").containsEntry("count", "<5"));
        List<String> totals = member.get("/api/outcomes").extract().jsonPath().getList("weeks.outcome");
        assertThat(totals).contains("referred_to_meeting_at_intake", "refused_prison_gate");
        String page = given().header("Authorization", TestUsers.bearer(member.token())).get("/outcomes?by=week").then()
                .statusCode(200).extract().asString();
        assertThat(page).contains("Sent to a meeting at intake").contains("Refused: prison gate (R2)");
    }

    @Test
    void aMeetingWelcomeIsMatchedAmongTheMeetingsAreaMembersAndClosedAsWelcomed() { // R6 (lighter), R15
        String origin = ListFixtures.origin();
        long meetingArea = ListFixtures.area(origin, 0);
        long neighbour = ListFixtures.area(origin, 5);
        long callerArea = ListFixtures.area(origin, 30);
        long mabel = ListFixtures.addId(ListFixtures.volunteer("Mabel", "female", meetingArea));
        Map<String, Object> recent = ListFixtures.volunteer("Ruth", "female", meetingArea);
        recent.put("cleanDate", LocalDate.now().minusMonths(4).toString()); // too recent to visit, fine at a door
        recent.put("guidelinesAcknowledged", false);
        recent.put("canVisit", false);
        long ruth = ListFixtures.addId(recent);
        Map<String, Object> paused = ListFixtures.volunteer("Pia", "female", meetingArea);
        paused.put("active", false);
        ListFixtures.addId(paused);
        long nell = ListFixtures.addId(ListFixtures.volunteer("Nell", "female", neighbour)); // near, not a member there
        long meeting = meeting("Doorstep Group", meetingArea, "wednesday", "Quaker meeting house, Garden Lane");

        Map<String, Object> form = CallFixtures.intake(callerArea);
        form.put("requestType", "meeting_welcome");
        helpliner.post("/api/calls", form).statusCode(400).body("message", containsString("meeting"));
        form.put("meetingId", meeting);
        long call = helpliner.post("/api/calls", form).statusCode(201).extract().jsonPath().getLong("topicId");
        helpliner.get("/api/calls/" + call).body("requestType", equalTo("meeting_welcome"));
        assertThat(helpliner.topic(call).extract().jsonPath().getString("title")).endsWith("area · welcome at a meeting requested");

        List<Long> listed = helpliner.get("/api/calls/" + call + "/contacts").statusCode(200).extract().jsonPath()
                .getList("volunteers.id", Long.class);
        assertThat(listed).containsExactlyInAnyOrder(mabel, ruth).doesNotContain(nell);

        Map<String, Object> unasked = CallFixtures.attempt("volunteer", ruth, null, "accepted");
        helpliner.post("/api/calls/" + call + "/attempts", unasked).statusCode(400).body("error", equalTo("checks_incomplete"));
        Map<String, Object> willing = CallFixtures.attempt("volunteer", ruth, null, "accepted");
        willing.put("checks", CallFixtures.checks(false, true, false));
        helpliner.post("/api/calls/" + call + "/attempts", willing).statusCode(201); // no partner: nobody goes alone to a door
        helpliner.get("/api/calls/" + call).body("attempts[0].acceptedFor", equalTo("meeting_welcome"));

        coordinator.post("/api/calls/" + call + "/close", Map.of("outcome", "welcomed_at_meeting")).statusCode(403);
        helpliner.post("/api/calls/" + call + "/close", Map.of("outcome", "welcomed_at_meeting")).statusCode(200);
        helpliner.get("/api/calls/" + call).body("outcome", equalTo("welcomed_at_meeting"));

        sql("UPDATE calls SET closed_at = now() - interval '8 days', opened_at = now() - interval '8 days 2 hours' "
                + "WHERE topic_id = " + call);
        coordinator.post("/api/admin/purge", null).statusCode(200);
        assertThat(lastOutcome("request_type = 'meeting_welcome'"))
                .isEqualTo("Testshire meeting_welcome welcomed_at_meeting 1 t 2.0");
    }

    private long meeting(String name, long areaId, String weekday, String venue) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "areaId", areaId, "weekday", weekday,
                "time", "19:30", "contactName", "Mo", "contactPhone", DramaNumbers.mobile()));
        if (venue != null) {
            body.put("venue", venue);
        }
        return coordinator.post("/api/meetings", body).statusCode(201).extract().jsonPath().getLong("id");
    }

    /** An area of a region of its own (a fresh name), so that its outcome cells are this test's alone. */
    private long area(String regionStem) {
        String region = regionStem + " " + FreshLetters.of(10);
        return coordinator.post("/api/areas", Map.of("name", "Town of " + region, "region", region, "latitude", 10.0,
                "longitude", -40.0)).statusCode(201).extract().jsonPath().getLong("id");
    }

    private String region(long areaId) {
        return coordinator.get("/api/areas").extract().jsonPath().getString("find { it.id == " + areaId + " }.region");
    }

    private long outcomes(String outcome) {
        return count("SELECT count(*) FROM outcome_records WHERE outcome = '" + outcome + "'");
    }

    private String lastOutcome() {
        return lastOutcome("true");
    }

    private String lastOutcome(String where) {
        return QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery("""
                SELECT concat_ws(' ', region, request_type, outcome, attempts_count, same_sex_match,
                                 coalesce(hours_to_close::text, 'null'))
                FROM outcome_records WHERE %s ORDER BY id DESC LIMIT 1""".formatted(where)).getSingleResult());
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue());
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(statement).executeUpdate());
    }
}
