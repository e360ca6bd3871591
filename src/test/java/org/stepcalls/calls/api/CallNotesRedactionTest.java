package org.stepcalls.calls.api;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.forum.web.PageSession;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.HostileInputs;
import org.stepcalls.privacy.HostileInputs.Input;
import org.stepcalls.privacy.ReaderOracle;

import io.quarkus.test.junit.QuarkusTest;

/**
 * R16: call notes and templated-post notes go through the redactor like posts. Every fifth
 * hostile input is written as the intake's notes and as an attempt's notes; the opener — the only
 * one who reads notes — finds no planted number or address in the call's JSON or on its page.
 */
@QuarkusTest
class CallNotesRedactionTest {

    private static final int MAX_NOTES = 2_000;
    private static Long area;
    private static Long volunteer;

    private final String opener = TestUsers.helpliner("octavia");
    private final ForumApiClient api = new ForumApiClient(opener);
    private final PageSession pages = new PageSession(opener);

    static List<Input> everyFifthInput() {
        List<Input> all = HostileInputs.all();
        return all.stream().filter(input -> all.indexOf(input) % 5 == 0 && input.text().length() <= MAX_NOTES).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFifthInput")
    void callNotesAndAttemptNotesReachTheOpenerRedacted(Input input) { // R16
        Map<String, Object> intake = CallFixtures.intake(area());
        intake.put("notes", input.text());
        long call = api.post("/api/calls", intake).statusCode(201).extract().jsonPath().getLong("topicId");
        Map<String, Object> attempt = CallFixtures.attempt("volunteer", volunteer(), null, "no_answer");
        attempt.put("notes", input.text());
        api.post("/api/calls/" + call + "/attempts", attempt).statusCode(201);

        String json = given().header("Authorization", TestUsers.bearer(opener)).get("/api/calls/" + call).then()
                .statusCode(200).extract().asString();
        input.assertNothingReadableIn("call JSON", ReaderOracle.sourceText(json));
        input.assertNothingReadableIn("call page", ReaderOracle.pageText(pages.get("/calls/" + call).asString()));
        input.assertNothingReadableIn("call topic JSON", ReaderOracle.sourceText(api.topic(call).extract().asString()));
    }

    /** One area for the whole class: test areas sit on distinct parallels, and there are only so many. */
    private static synchronized long area() {
        if (area == null) {
            area = CallRulesTest.area();
        }
        return area;
    }

    private static synchronized long volunteer() {
        if (volunteer == null) {
            volunteer = CallRulesTest.volunteer();
        }
        return volunteer;
    }
}
