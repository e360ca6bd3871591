package org.stepcalls.volunteers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.DramaNumbers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Meetings by place and day, nearest first (R5), each with its venue: public, but never a contact detail (R4). */
@QuarkusTest
class MeetingSearchTest {

    private final ForumApiClient coordinator = new ForumApiClient(ListFixtures.COORDINATOR);
    private final ForumApiClient member = new ForumApiClient(TestUsers.member("marnie"));

    @Test
    void meetingsAreFoundFromAPlaceNearestFirstWithinReachAndByDay() { // R5
        String origin = ListFixtures.origin();
        long here = ListFixtures.area(origin, 0);
        long twenty = meeting("Twenty Group", ListFixtures.area(origin, 20), "monday", null);
        long local = meeting("Local Group", here, "tuesday", null);
        long sixty = meeting("Sixty Group", ListFixtures.area(origin, 60), "monday", null);
        long beyond = meeting("Beyond Group", ListFixtures.area(origin, 120), "monday", null);

        JsonPath near = member.get("/api/meetings?areaId=" + here).statusCode(200).extract().jsonPath();
        assertThat(near.getList("id", Long.class)).containsExactly(local, twenty, sixty); // not the one 120 km off
        assertThat(near.getList("distanceKm", Double.class)).containsExactly(0.0, 20.0, 59.9); // the test areas' spacing, rounded
        assertThat(member.get("/api/meetings?areaId=" + here + "&weekday=monday").extract().jsonPath()
                .getList("id", Long.class)).containsExactly(twenty, sixty);
        JsonPath mondays = member.get("/api/meetings?weekday=Monday").statusCode(200).extract().jsonPath();
        assertThat(mondays.getList("id", Long.class)).contains(twenty, sixty, beyond).doesNotContain(local);
        assertThat(mondays.getList("distanceKm")).containsOnlyNulls();
        assertThat(member.get("/api/meetings").extract().jsonPath().getList("id", Long.class)).contains(local, beyond);

        member.get("/api/meetings?weekday=funday").statusCode(400).body("message", containsString("weekday"));
        member.get("/api/meetings?areaId=999999999").statusCode(400).body("message", containsString("areaId"));
    }

    @Test
    void aVenueIsShownToEveryoneButRefusedWhenItHoldsAContactDetail() { // R4
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        String venue = "Community Centre, 14 Park Lane, LS6 2AB (back door, room 2)";
        long id = meeting("Venue Group", area, "sunday", venue);
        member.get("/api/meetings/" + id).statusCode(200).body("venue", equalTo(venue)).body("contactPhone", equalTo(null));

        for (String contact : List.of("Ring Jo on " + DramaNumbers.mobile() + " to be let in", "Ask jo@example.org")) {
            Map<String, Object> body = body("Leaky Venue Group", area, "sunday", contact);
            coordinator.post("/api/meetings", body).statusCode(400).body("message", containsString("venue"));
        }
        coordinator.post("/api/meetings", body("Long Venue Group", area, "sunday", "x".repeat(301))).statusCode(400)
                .body("message", containsString("venue"));
        Map<String, Object> cleared = body("Venue Group", area, "sunday", "");
        coordinator.put("/api/meetings/" + id, cleared).statusCode(200);
        member.get("/api/meetings/" + id).body("venue", equalTo(null));
    }

    private long meeting(String name, long areaId, String weekday, String venue) {
        return coordinator.post("/api/meetings", body(name, areaId, weekday, venue)).statusCode(201).extract().jsonPath()
                .getLong("id");
    }

    private static Map<String, Object> body(String name, long areaId, String weekday, String venue) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "areaId", areaId, "weekday", weekday, "time", "19:30",
                "contactName", "Mo", "contactPhone", DramaNumbers.mobile()));
        if (venue != null) {
            body.put("venue", venue);
        }
        return body;
    }
}
