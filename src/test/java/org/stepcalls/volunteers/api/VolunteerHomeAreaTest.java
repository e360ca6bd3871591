package org.stepcalls.volunteers.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;

import io.quarkus.test.junit.QuarkusTest;

/** The contract's volunteer body has no {@code homeAreaId}: without one, the first of {@code areaIds} is home. */
@QuarkusTest
class VolunteerHomeAreaTest {

    private final ForumApiClient coordinator = new ForumApiClient(ListFixtures.coordinator());

    @Test
    void withoutHomeAreaIdTheFirstAreaCoveredIsHome() { // R5: contacts are found from the home area and the areas covered
        String origin = ListFixtures.origin();
        long first = ListFixtures.area(origin, 0);
        long second = ListFixtures.area(origin, 10);
        Map<String, Object> body = ListFixtures.volunteer("Hollis", "male", first);
        body.remove("homeAreaId");
        body.put("areaIds", List.of(second, first));
        long id = ListFixtures.addId(body);
        coordinator.get("/api/volunteers/" + id).statusCode(200).body("homeAreaId", equalTo((int) second))
                .body("areaIds.size()", equalTo(2));

        body.put("areaIds", List.of(first));
        coordinator.put("/api/volunteers/" + id, body).statusCode(200).body("homeAreaId", equalTo((int) first));

        body.put("homeAreaId", second); // given, it still wins
        coordinator.put("/api/volunteers/" + id, body).statusCode(200).body("homeAreaId", equalTo((int) second));
    }

    @Test
    void withNeitherHomeAreaIdNorAreasCoveredTheAnswerSaysWhatIsMissing() {
        Map<String, Object> body = ListFixtures.volunteer("Hollis", "male", 1);
        body.remove("homeAreaId");
        body.put("areaIds", List.of());
        ListFixtures.add(body).statusCode(400).body("error", equalTo("invalid_input"))
                .body("message", containsString("home area"));
    }
}
