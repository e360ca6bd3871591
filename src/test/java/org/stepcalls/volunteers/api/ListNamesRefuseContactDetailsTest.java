package org.stepcalls.volunteers.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.privacy.HostileInputs;
import org.stepcalls.privacy.HostileInputs.Input;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.test.junit.QuarkusTest;

/**
 * R4, R16: the list's free text — meeting names, contact names, first names, area names and
 * regions — is shown beside numbers or to every member, so a number or an address hidden in it
 * is refused with the field named, never stored. Names with ordinary numbers stay.
 */
@QuarkusTest
class ListNamesRefuseContactDetailsTest {

    private static final int MAX_MEETING_NAME = 120;
    private static Long area;
    private final ForumApiClient coordinator = new ForumApiClient(ListFixtures.coordinator());

    static List<Input> shortHostileInputs() {
        List<Input> all = HostileInputs.all();
        return all.stream().filter(input -> all.indexOf(input) % 7 == 0 && input.text().strip().length() <= MAX_MEETING_NAME)
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shortHostileInputs")
    void aMeetingNameHidingANumberOrAddressIsRefused(Input input) {
        coordinator.post("/api/meetings", meeting(input.text(), "Mo")).statusCode(400)
                .body("error", equalTo("invalid_input")).body("message", containsString("meeting's name"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Tamsin at fernvale dot org", "Oh seven seven oh oh nine oh oh", "Jo OlOO OOlO OO" })
    void aContactNameOrFirstNameSpellingOutContactDetailsIsRefused(String name) {
        coordinator.post("/api/meetings", meeting("Hope Group", name)).statusCode(400);
        Map<String, Object> volunteer = ListFixtures.volunteer(name, "female", area());
        ListFixtures.add(volunteer).statusCode(400).body("error", equalTo("invalid_input"));
    }

    @Test
    void anAreaNameOrRegionHidingANumberIsRefused() {
        coordinator.post("/api/areas", area("Leeds 07700 **900** 003", "Yorkshire")).statusCode(400)
                .body("message", containsString("area's name"));
        coordinator.post("/api/areas", area("Holbeck", "mail tamsin＠fernvale.example")).statusCode(400)
                .body("message", containsString("region"));
    }

    @Test
    void anImportedFirstNameHidingAnAddressRejectsItsLine() {
        String csv = "firstName,phone,sex,area,cleanDate,canPhone,canVisit\n"
                + "Tamsin at fernvale dot org," + DramaNumbers.mobile() + ",female,Leeds,2019-03-14,true,true\n";
        given().header("Authorization", TestUsers.bearer(ListFixtures.coordinator())).contentType("text/csv").body(csv)
                .post("/api/volunteers/import?guidelinesAcknowledged=true").then().statusCode(400)
                .body("rejected", hasSize(1)).body("rejected[0].line", equalTo(2))
                .body("rejected[0].reason", containsString("phone number or an e-mail address"));
    }

    @Test
    void namesWithOrdinaryNumbersAreKept() {
        coordinator.post("/api/meetings", meeting("Step 12 Group, room 101, since 1987", "Mo")).statusCode(201)
                .body("name", equalTo("Step 12 Group, room 101, since 1987"));
    }

    private static Map<String, Object> meeting(String name, String contactName) {
        Map<String, Object> meeting = new HashMap<>();
        meeting.put("name", name);
        meeting.put("areaId", area());
        meeting.put("weekday", "monday");
        meeting.put("time", "19:30");
        meeting.put("contactName", contactName);
        meeting.put("contactPhone", DramaNumbers.mobile());
        return meeting;
    }

    /** One area for the whole class: test areas sit on distinct parallels, and there are only so many. */
    private static synchronized long area() {
        if (area == null) {
            area = ListFixtures.area(ListFixtures.origin(), 0);
        }
        return area;
    }

    private static Map<String, Object> area(String name, String region) {
        return Map.of("name", name, "region", region, "latitude", 53.8, "longitude", -1.55);
    }
}
