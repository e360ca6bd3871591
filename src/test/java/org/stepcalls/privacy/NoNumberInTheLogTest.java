package org.stepcalls.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * R4/R16: after a round of the list's flows — bad input and refusals included — and whatever
 * test classes ran before this one, not one number handed out to any test appears in the
 * application's log, in any spelling.
 */
@QuarkusTest
class NoNumberInTheLogTest {

    private static final Path LOG = Path.of("target/stepcalls-test.log");

    @Test
    void noNumberEverReachesTheLog() throws Exception {
        runTheListFlowsWithBadInput();
        assertThat(LOG).exists();
        String log = Files.readString(LOG);
        assertThat(log).contains("stepcalls"); // the file really is the application's log
        assertThat(DramaNumbers.issued()).isNotEmpty();
        for (String number : DramaNumbers.issued()) {
            for (String spelling : DramaNumbers.spellings(number)) {
                assertThat(log).as("log mentions a number").doesNotContain(spelling);
            }
        }
    }

    private static void runTheListFlowsWithBadInput() {
        String member = TestUsers.member("logan");
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        Map<String, Object> entry = ListFixtures.volunteer("Logan", "male", area);
        given().header("Authorization", TestUsers.bearer(member)).contentType(ContentType.JSON).body(entry)
                .put("/api/volunteers/me").then().statusCode(200);
        ListFixtures.add(entry).statusCode(409); // the same number again
        entry.put("sex", "unknown");
        given().header("Authorization", TestUsers.bearer(member)).contentType(ContentType.JSON).body(entry)
                .put("/api/volunteers/me").then().statusCode(400);
        given().header("Authorization", TestUsers.bearer(ListFixtures.coordinator())).contentType("text/csv")
                .body("firstName,phone,sex,area,cleanDate,canPhone,canVisit\nLou," + DramaNumbers.mobile()
                        + ",female,Nowhere,2001-01-01,true,true\n")
                .post("/api/volunteers/import").then().statusCode(400);
        given().header("Authorization", TestUsers.bearer(TestUsers.helpliner("hedda")))
                .get("/api/contacts?areaId=" + area + "&sex=male&requestType=phone").then().statusCode(200);
        given().header("Authorization", TestUsers.bearer(ListFixtures.coordinator())).contentType(ContentType.JSON)
                .body(Map.of("name", "Log Group", "areaId", area, "weekday", "someday", "time", "19:30",
                        "contactName", "Lou", "contactPhone", DramaNumbers.mobile()))
                .post("/api/meetings").then().statusCode(400);
        given().header("Authorization", TestUsers.bearer(member)).delete("/api/volunteers/me").then().statusCode(204);
        given().header("Authorization", TestUsers.bearer(member)).contentType(ContentType.JSON)
                .body("{\"firstName\": \"Lo\", \"phone\": " + DramaNumbers.mobile().replace(" ", "") + "}")
                .put("/api/volunteers/me").then().statusCode(400);
    }
}
