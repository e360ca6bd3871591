package org.stepcalls.calls.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Each rule of the procedure the calls board enforces, one test (or more) per rule. */
@QuarkusTest
class CallRulesTest {

    private final ForumApiClient opener = new ForumApiClient(TestUsers.helpliner("olive"));
    private final ForumApiClient other = new ForumApiClient(TestUsers.helpliner("otto"));
    private final ForumApiClient coordinator = new ForumApiClient(TestUsers.coordinator("cyril"));

    @Test
    void onlyTheAddictMayAskForA12thStepCall() { // R1
        Map<String, Object> form = CallFixtures.intake(area());
        form.put("requesterIsAddict", false);
        opener.post("/api/calls", form).statusCode(400).body("error", equalTo("requester_not_addict"))
                .body("message", containsString("meeting"));
        form.remove("requesterIsAddict");
        opener.post("/api/calls", form).statusCode(400).body("error", equalTo("requester_not_addict"));
    }

    @Test
    void prisonGateRequestsAreRefusedWithTheReason() { // R2
        Map<String, Object> form = CallFixtures.intake(area());
        form.put("prisonGateRequest", true);
        opener.post("/api/calls", form).statusCode(400).body("error", equalTo("prison_gate"))
                .body("message", containsString("H&I"));
    }

    @Test
    void theNumberMustBeTypedTwiceAlikeAndBeRingable() { // R3
        Map<String, Object> form = CallFixtures.intake(area());
        form.put("callerPhoneConfirm", DramaNumbers.mobile());
        opener.post("/api/calls", form).statusCode(400).body("error", equalTo("phone_mismatch"));
        form.put("callerPhone", "0770");
        form.put("callerPhoneConfirm", "0770");
        opener.post("/api/calls", form).statusCode(400).body("error", equalTo("phone_invalid"));
        String number = DramaNumbers.mobile();
        form.put("callerPhone", number);
        form.put("callerPhoneConfirm", number.replace(" ", "")); // the same number, written differently
        opener.post("/api/calls", form).statusCode(201);
    }

    @Test
    void immediateDangerPutsTheEmergencyGuidanceFirstAndRecordsOnlyThatItWasGiven() { // R18
        Map<String, Object> form = CallFixtures.intake(area());
        form.put("immediateDanger", true);
        JsonPath opened = opener.post("/api/calls", form).statusCode(201).extract().jsonPath();
        assertThat(opened.getString("guidance[0]")).contains("999").contains("112");
        opener.get("/api/calls/" + opened.getLong("topicId")).body("emergencyGuidanceGiven", equalTo(true));
        JsonPath calm = opener.post("/api/calls", CallFixtures.intake(area())).statusCode(201).extract().jsonPath();
        assertThat(calm.getList("guidance", String.class)).noneMatch(g -> g.contains("999"));
    }

    @Test
    void theTitleCarriesNoCallerDetail() {
        String number = DramaNumbers.mobile();
        long id = open(CallFixtures.intake(area(), "Rowena", number));
        String title = opener.topic(id).extract().jsonPath().getString("title");
        assertThat(title).matches("Call \\d+ · .+ area · visit requested").doesNotContain("Rowena");
        assertThat(title).doesNotContain(number.substring(6));
    }

    @Test
    void anAcceptedAttemptNeedsAllThreeChecks() { // R6
        long id = open(CallFixtures.intake(area()));
        long volunteer = volunteer();
        Map<String, Object> attempt = CallFixtures.attempt("volunteer", volunteer, null, "accepted");
        attempt.put("acceptedFor", "phone");
        attempt.put("checks", CallFixtures.checks(true, true, false));
        opener.post("/api/calls/" + id + "/attempts", attempt).statusCode(400).body("error", equalTo("checks_incomplete"));
        attempt.put("checks", CallFixtures.checks(true, true, true));
        opener.post("/api/calls/" + id + "/attempts", attempt).statusCode(201);
    }

    @Test
    void anAcceptedVisitNamesASecondVolunteer() { // R7
        long id = open(CallFixtures.intake(area()));
        long first = volunteer();
        Map<String, Object> attempt = CallFixtures.attempt("volunteer", first, null, "accepted");
        attempt.put("checks", CallFixtures.checks(true, true, true));
        attempt.put("acceptedFor", "visit");
        opener.post("/api/calls/" + id + "/attempts", attempt).statusCode(400).body("error", equalTo("visit_needs_partner"));
        attempt.put("partnerVolunteerId", first);
        opener.post("/api/calls/" + id + "/attempts", attempt).statusCode(400).body("error", equalTo("visit_needs_partner"));
        attempt.put("partnerVolunteerId", volunteer());
        opener.post("/api/calls/" + id + "/attempts", attempt).statusCode(201);
        opener.get("/api/calls/" + id).body("attempts[0].acceptedFor", equalTo("visit"));
    }

    @Test
    void theIndirectRouteIsItsOwnTypeAndStoresNoThirdPartyNumber() { // R8
        long id = open(CallFixtures.intake(area()));
        String thirdParty = DramaNumbers.mobile();
        Map<String, Object> attempt = CallFixtures.attempt("indirect", volunteer(), null, "left_message");
        attempt.put("notes", "Asked Sal to pass my number to her friend on " + thirdParty);
        opener.post("/api/calls/" + id + "/attempts", attempt).statusCode(201);
        JsonPath call = opener.get("/api/calls/" + id).extract().jsonPath();
        assertThat(call.getString("attempts[0].contactType")).isEqualTo("indirect");
        assertThat(call.getString("attempts[0].notes")).contains("[number removed]").doesNotContain(thirdParty);
    }

    @Test
    void invitingAContactToJoinTheListIsRecorded() { // R9
        long id = open(CallFixtures.intake(area()));
        Map<String, Object> attempt = CallFixtures.attempt("meeting", null, meeting(), "declined");
        attempt.put("invitedToList", true);
        opener.post("/api/calls/" + id + "/attempts", attempt).statusCode(400).body("error", equalTo("invalid_input"))
                .body("message", containsString("first name")); // the coordinator needs a name to send the form to
        attempt.put("invitedFirstName", "Noor");
        opener.post("/api/calls/" + id + "/attempts", attempt).statusCode(201);
        opener.get("/api/calls/" + id).body("attempts[0].invitedToList", equalTo(true));
        opener.topic(id).body("posts[1].body", containsString("Invited Noor to join the 12th Step list"));
    }

    @Test
    void theGroupComesOnlyAfterTheListAndMeetingsAndItsMessageHasNoNumberOrName() { // R10
        String number = DramaNumbers.mobile();
        long id = open(CallFixtures.intake(area(), "Sabine", number));
        opener.post("/api/calls/" + id + "/attempts", CallFixtures.attempt("group", null, null, "no_answer")).statusCode(400)
                .body("error", equalTo("group_too_early"));
        opener.get("/api/calls/" + id + "/group-message").statusCode(409);
        opener.post("/api/calls/" + id + "/attempts", CallFixtures.attempt("volunteer", volunteer(), null, "no_answer"))
                .statusCode(201);
        opener.get("/api/calls/" + id + "/group-message").statusCode(409);
        opener.post("/api/calls/" + id + "/attempts", CallFixtures.attempt("meeting", null, meeting(), "declined"))
                .statusCode(201);
        String text = opener.get("/api/calls/" + id + "/group-message").statusCode(200).extract().jsonPath().getString("text");
        assertThat(text).doesNotContain("Sabine").contains("olive");
        assertThat(new org.stepcalls.privacy.Redactor().redact(text).redactions()).as("phone numbers in %s", text).isZero();
        for (String spelling : DramaNumbers.spellings(number)) {
            assertThat(text).doesNotContain(spelling);
        }
        opener.post("/api/calls/" + id + "/attempts", CallFixtures.attempt("group", null, null, "no_answer")).statusCode(201);
        other.get("/api/calls/" + id + "/group-message").statusCode(403);
    }

    @Test
    void reportBacksAndCallbacksAreLoggedAndTheCallbackRemindsToWithholdTheNumber() { // R11, R12, R14
        long id = open(CallFixtures.intake(area()));
        long volunteer = volunteer();
        opener.post("/api/calls/" + id + "/attempts", CallFixtures.acceptedForAPhoneCall(volunteer)).statusCode(201);
        opener.post("/api/calls/" + id + "/report-backs", Map.of("volunteerId", volunteer, "result", "contact_made",
                "notes", "Spoke for an hour")).statusCode(201);
        opener.post("/api/calls/" + id + "/callbacks", Map.of("reached", true, "notes", "Updated them"))
                .statusCode(201).body("reminder", containsString("141"));
        JsonPath call = opener.get("/api/calls/" + id).extract().jsonPath();
        assertThat(call.getString("reportBacks[0].result")).isEqualTo("contact_made");
        assertThat(call.getBoolean("callbacks[0].reached")).isTrue();
        opener.topic(id).body("posts", hasSize(4)).body("posts[2].kind", equalTo("report_back"))
                .body("posts[3].kind", equalTo("callback"));
    }

    @Test
    void onlyTheOpenerLogsAndClosesAndEveryoneElseIsToldWhy() { // R15
        long id = open(CallFixtures.intake(area()));
        for (ForumApiClient notOpener : List.of(other, coordinator)) {
            notOpener.post("/api/calls/" + id + "/attempts", CallFixtures.attempt("volunteer", volunteer(), null, "no_answer"))
                    .statusCode(403).body("message", containsString("finish what you start"));
            notOpener.post("/api/calls/" + id + "/close", Map.of("outcome", "caller_declined")).statusCode(403);
            notOpener.post("/api/calls/" + id + "/caller-phone", null).statusCode(403);
        }
        other.reply(id, "Try the Thursday group, they are good with newcomers").statusCode(201); // advice is welcome
        opener.post("/api/calls/" + id + "/close", Map.of("notes", "no outcome given")).statusCode(400);
        opener.post("/api/calls/" + id + "/close", Map.of("outcome", "volunteer_phoned")).statusCode(200);
        opener.post("/api/calls/" + id + "/close", Map.of("outcome", "volunteer_phoned")).statusCode(409);
        opener.post("/api/calls/" + id + "/callbacks", Map.of("reached", true)).statusCode(409);
        other.reply(id, "Too late").statusCode(409);
        opener.get("/api/calls/" + id).body("status", equalTo("closed")).body("outcome", equalTo("volunteer_phoned"));
    }

    @Test
    void aDoubleSubmittedIntakeOpensOneCall() {
        Map<String, Object> form = CallFixtures.intake(area());
        long first = open(form);
        long second = open(form);
        assertThat(second).isEqualTo(first);
        form.put("idempotencyKey", "another-key-123");
        assertThat(open(form)).isNotEqualTo(first);
    }

    @Test
    void membersGet404ForEveryCallAddress() { // R16
        long id = open(CallFixtures.intake(area()));
        ForumApiClient member = new ForumApiClient(TestUsers.member("mabel"));
        for (String path : List.of("/api/calls/" + id, "/api/calls/" + id + "/contacts", "/api/calls/" + id + "/group-message",
                "/api/topics/" + id)) {
            member.get(path).statusCode(404);
        }
        member.post("/api/calls/" + id + "/caller-phone", null).statusCode(404);
        member.post("/api/calls/" + id + "/close", Map.of("outcome", "caller_declined")).statusCode(404);
        member.post("/api/calls", CallFixtures.intake(area())).statusCode(403);
        member.get("/api/topics?category=12th-step-calls").statusCode(404);
    }

    @Test
    void plainTopicsStillCannotBeOpenedInTheBoard() {
        opener.createTopic("12th-step-calls", "Sneaky", "Body").statusCode(409);
        opener.get("/api/topics?category=12th-step-calls").statusCode(200).body("topics.title",
                not(org.hamcrest.Matchers.hasItem("Sneaky")));
    }

    private long open(Map<String, Object> form) {
        return opener.post("/api/calls", form).statusCode(201).extract().jsonPath().getLong("topicId");
    }

    static long area() {
        return ListFixtures.area(ListFixtures.origin(), 0);
    }

    static long volunteer() {
        return ListFixtures.addId(ListFixtures.volunteer("Val", "female", area()));
    }

    static long meeting() {
        return new ForumApiClient(ListFixtures.coordinator()).post("/api/meetings", Map.of("name", "Call Test Group", "areaId",
                area(), "weekday", "monday", "time", "19:00", "contactName", "Mo", "contactPhone", DramaNumbers.mobile()))
                .statusCode(201).extract().jsonPath().getLong("id");
    }
}
