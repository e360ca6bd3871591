package org.stepcalls.calls.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * R15 and R12 against the forum's own tools: moderation never closes a call in its opener's
 * place, and a call's templated posts are records — corrected by a new record, never rewritten.
 */
@QuarkusTest
class CallRecordsTest {

    private final ForumApiClient opener = new ForumApiClient(TestUsers.helpliner("odette"));
    private final ForumApiClient other = new ForumApiClient(TestUsers.helpliner("oswin"));
    private final ForumApiClient coordinator = new ForumApiClient(TestUsers.coordinator("corin"));

    @Test
    void moderatorsNeitherCloseReopenNorPinACallAndItsOpenerStillFinishesIt() { // R15
        long id = open();
        for (ForumApiClient anyone : List.of(coordinator, opener, other)) {
            for (String action : List.of("close", "reopen", "pin")) {
                anyone.post("/api/topics/" + id + "/" + action, null).statusCode(409).body("error", equalTo("call_topic"))
                        .body("message", containsString("helpliner who opened it"));
            }
        }
        opener.get("/api/calls/" + id).body("status", equalTo("open"));
        opener.post("/api/calls/" + id + "/attempts", CallFixtures.attempt("volunteer", volunteer(), null,
                "no_answer")).statusCode(201);
        opener.post("/api/calls/" + id + "/close", Map.of("outcome", "caller_declined")).statusCode(200);
        coordinator.post("/api/topics/" + id + "/reopen", null).statusCode(409).body("error", equalTo("call_topic"));
        opener.get("/api/calls/" + id).body("status", equalTo("closed")).body("outcome", equalTo("caller_declined"));
        coordinator.post("/api/topics/" + id + "/unpin", null).statusCode(200); // harmless, and undoes any old pin
    }

    @Test
    void plainTopicsAreStillClosedAndPinnedByModerators() { // R17
        long topic = coordinator.createTopicId("helpliners", "Rota for December", "Who can cover the 24th?");
        coordinator.post("/api/topics/" + topic + "/pin", null).statusCode(200);
        coordinator.post("/api/topics/" + topic + "/close", null).statusCode(200);
        coordinator.post("/api/topics/" + topic + "/reopen", null).statusCode(200);
    }

    @Test
    void aCoordinatorHidesAnAdviceReplyOnACallWithAReason() { // R17
        long id = open();
        long advice = other.reply(id, "Try the Thursday group").statusCode(201).extract().jsonPath().getLong("id");
        coordinator.post("/api/posts/" + advice + "/hide", Map.of("reason", "Off topic")).statusCode(200);
        JsonPath topic = other.topic(id).extract().jsonPath();
        assertThat(topic.getBoolean("posts.find { it.id == " + advice + " }.hidden")).isTrue();
    }

    @Test
    void noTemplatedPostCanBeRewrittenOrHiddenByAnyone() { // R12
        long id = open();
        long volunteer = volunteer();
        opener.post("/api/calls/" + id + "/attempts", CallFixtures.acceptedForAPhoneCall(volunteer)).statusCode(201);
        opener.post("/api/calls/" + id + "/report-backs", Map.of("volunteerId", volunteer, "result", "no_contact"))
                .statusCode(201);
        opener.post("/api/calls/" + id + "/callbacks", Map.of("reached", false)).statusCode(201);
        long advice = other.reply(id, "Try the Thursday group").statusCode(201).extract().jsonPath().getLong("id");
        List<Map<String, Object>> posts = opener.topic(id).extract().jsonPath().getList("posts");
        assertThat(posts).extracting(p -> p.get("kind")).containsExactly("intake", "attempt", "report_back", "callback",
                "text");
        for (Map<String, Object> post : posts.subList(0, 4)) {
            long postId = ((Number) post.get("id")).longValue();
            for (ForumApiClient anyone : List.of(opener, other, coordinator)) {
                anyone.edit(postId, "It never happened").statusCode(409).body("error", equalTo("record_post"))
                        .body("message", containsString("new record"));
            }
            coordinator.post("/api/posts/" + postId + "/hide", Map.of("reason", "tidy up")).statusCode(409)
                    .body("error", equalTo("record_post"));
            opener.get("/api/posts/" + postId + "/revisions").statusCode(200).body("size()", equalTo(0));
        }
        other.edit(advice, "Try the Thursday group at 7").statusCode(200); // advice is free text, its author edits it
        opener.post("/api/calls/" + id + "/close", Map.of("outcome", "no_volunteer_found")).statusCode(200);
        long outcome = ((Number) opener.topic(id).extract().jsonPath().getList("posts.id").get(5)).longValue();
        opener.edit(outcome, "Someone phoned after all").statusCode(409).body("error", equalTo("record_post"));
    }

    @Test
    void aMistakeIsCorrectedByANewRecordThatSaysWhichOneItCorrects() { // R12
        long id = open();
        long volunteer = volunteer();
        opener.post("/api/calls/" + id + "/attempts", CallFixtures.attempt("volunteer", volunteer, null, "declined"))
                .statusCode(201);
        long wrong = opener.get("/api/calls/" + id).extract().jsonPath().getLong("attempts[0].postId");
        Map<String, Object> correction = new HashMap<>(CallFixtures.attempt("volunteer", volunteer, null, "left_message"));
        correction.put("corrects", wrong);
        opener.post("/api/calls/" + id + "/attempts", correction).statusCode(201);
        opener.post("/api/calls/" + id + "/callbacks", Map.of("reached", true, "corrects", wrong)).statusCode(201);

        JsonPath call = opener.get("/api/calls/" + id).extract().jsonPath();
        assertThat(call.getList("attempts.result")).containsExactly("declined", "left_message"); // both stay in the log
        assertThat(call.getLong("attempts[1].corrects")).isEqualTo(wrong);
        assertThat(call.getLong("callbacks[0].corrects")).isEqualTo(wrong);
        assertThat(call.getString("correctable[0].label")).matches("the attempt of \\d{1,2} \\w{3,4} \\d\\d:\\d\\d");
        String timeline = other.topic(id).extract().jsonPath().getString("posts[2].body");
        assertThat(timeline).startsWith("*Corrects " + call.getString("correctable[0].label") + ".*");
    }

    @Test
    void aCorrectionMustNameAnEarlierRecordOfTheSameCall() { // R12
        long id = open();
        long elsewhere = open();
        long volunteer = volunteer();
        opener.post("/api/calls/" + elsewhere + "/callbacks", Map.of("reached", false)).statusCode(201);
        long otherCallsRecord = opener.get("/api/calls/" + elsewhere).extract().jsonPath().getLong("callbacks[0].postId");
        long advice = other.reply(id, "Try the Thursday group").statusCode(201).extract().jsonPath().getLong("id");
        long intake = opener.topic(id).extract().jsonPath().getLong("posts[0].id");
        for (long notARecordOfThisCall : List.of(otherCallsRecord, advice, intake, 999_999_999L)) {
            Map<String, Object> correction = new HashMap<>(CallFixtures.attempt("volunteer", volunteer, null, "no_answer"));
            correction.put("corrects", notARecordOfThisCall);
            opener.post("/api/calls/" + id + "/attempts", correction).statusCode(400).body("error", equalTo("invalid_input"))
                    .body("message", containsString("corrects"));
        }
        opener.get("/api/calls/" + id).body("attempts.size()", equalTo(0));
    }

    /** One area for the whole class: test areas are a limited supply (one parallel each). */
    private static long area() {
        if (area == null) {
            area = CallRulesTest.area();
        }
        return area;
    }

    private static Long area;

    private static long volunteer() {
        return ListFixtures.addId(ListFixtures.volunteer("Vanya", "female", area()));
    }

    private long open() {
        return opener.post("/api/calls", CallFixtures.intake(area())).statusCode(201).extract().jsonPath()
                .getLong("topicId");
    }
}
