package org.stepcalls.platform.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A corpus of malformed, oversized, wrongly typed and hostile bodies and ids thrown at every
 * write endpoint of the API: never a 5xx, never a stack trace, always the contract's error JSON.
 */
@QuarkusTest
class HostileInputTest {

    private static final String TOKEN_ROLES = "helpliner,coordinator,member,admin";

    private static final List<String> BODIES = List.of(
            "", "{", "[]", "null", "42", "\"text\"", "{\"a\":", "{}", "{\"title\": []}", "{\"body\": {\"x\": 1}}",
            "{\"areaId\": \"abc\"}", "{\"areaId\": 99999999999999999999999}", "{\"areaId\": -1}",
            "{\"callerPhone\": 7700900123}", "{\"checks\": \"all\"}", "{\"result\": null, \"contactType\": 5}",
            "{\"category\": \"general\", \"title\": \"" + "x".repeat(100_000) + "\", \"body\": \"y\"}",
            "{\"firstName\": \"\\u0000\\u202e\", \"cleanDate\": \"31/02/2020\"}",
            "{\"name\": \"'; DROP TABLE topics; --\", \"latitude\": \"NaN\", \"longitude\": 1e400}",
            "{\"outcome\": \"<script>alert(1)</script>\"}", "{\"weekday\": \"funday\", \"time\": \"25:61\"}",
            "\u00ff\u00fe\u0000garbage");

    private static final List<String[]> ENDPOINTS = List.of(
            new String[] { "POST", "/api/topics" }, new String[] { "POST", "/api/topics/%s/posts" },
            new String[] { "PUT", "/api/posts/%s" }, new String[] { "POST", "/api/posts/%s/hide" },
            new String[] { "POST", "/api/areas" }, new String[] { "PUT", "/api/areas/%s" },
            new String[] { "POST", "/api/volunteers" }, new String[] { "PUT", "/api/volunteers/%s" },
            new String[] { "PUT", "/api/volunteers/me" }, new String[] { "POST", "/api/meetings" },
            new String[] { "PUT", "/api/meetings/%s" }, new String[] { "POST", "/api/calls" },
            new String[] { "POST", "/api/calls/%s/attempts" }, new String[] { "POST", "/api/calls/%s/report-backs" },
            new String[] { "POST", "/api/calls/%s/callbacks" }, new String[] { "POST", "/api/calls/%s/close" });

    private static final List<String> IDS = List.of("1", "0", "-5", "abc", "99999999999999999999", "1.5", "%00");

    static Stream<Arguments> attacks() {
        List<Arguments> all = new ArrayList<>();
        for (String[] endpoint : ENDPOINTS) {
            for (int i = 0; i < BODIES.size(); i++) {
                String id = IDS.get(i % IDS.size());
                all.add(Arguments.of(endpoint[0], endpoint[1].formatted(id), BODIES.get(i)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} #{index}")
    @MethodSource("attacks")
    void hostileInputGetsAClearRefusalNeverAServerError(String method, String path, String body) {
        Response response = given().header("Authorization", TestUsers.bearer(TestUsers.token("hostile", TOKEN_ROLES.split(","))))
                .contentType("application/json").body(body).request(method, path);
        assertThat(response.statusCode()).as("%s %s", method, path).isBetween(400, 499);
        String text = response.asString();
        assertThat(text).doesNotContain("Exception").doesNotContain("at org.").doesNotContain("at io.");
        if (response.statusCode() != 404 || !text.isEmpty()) {
            assertThat(response.jsonPath().getString("error")).as("error code for %s %s: %s", method, path, text).isNotBlank();
            assertThat(response.jsonPath().getString("message")).isNotBlank();
        }
    }
}
