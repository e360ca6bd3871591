package org.stepcalls.volunteers.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Ranking and eligibility of GET /api/contacts (R5, R6, R8), each test in its own remote places. */
@QuarkusTest
class ContactMatchingTest {

    private final ForumApiClient helpliner = new ForumApiClient(TestUsers.helpliner("hattie"));

    @Inject
    EntityManager entityManager;

    @Test
    void sameSexRanksFirstThenDistance() { // R8
        String origin = ListFixtures.origin();
        long here = ListFixtures.area(origin, 0);
        long near = ListFixtures.area(origin, 10);
        long far = ListFixtures.area(origin, 30);
        long womanFar = ListFixtures.addId(ListFixtures.volunteer("Wendy", "female", far));
        long manHere = ListFixtures.addId(ListFixtures.volunteer("Mark", "male", here));
        long womanNear = ListFixtures.addId(ListFixtures.volunteer("Nora", "female", near));

        List<Long> ranked = ours(contacts(here, "female", "phone"), Set.of(womanFar, manHere, womanNear));
        assertThat(ranked).containsExactly(womanNear, womanFar, manHere);
        List<Long> forAMan = ours(contacts(here, "male", "phone"), Set.of(womanFar, manHere, womanNear));
        assertThat(forAMan).containsExactly(manHere, womanNear, womanFar);
    }

    @Test
    void aFullListOfTheCallersSexLeavesNoRoomForTheOtherSexesHoweverNear() { // R8
        String origin = ListFixtures.origin();
        long here = ListFixtures.area(origin, 0);
        long far = ListFixtures.area(origin, 30);
        Set<Long> women = women(20, "Wren", far, List.of(far));
        long manHere = ListFixtures.addId(ListFixtures.volunteer("Milo", "male", here));

        List<Long> listed = contacts(here, "female", "phone").getList("volunteers.id", Long.class);
        assertThat(listed).hasSize(20).containsExactlyInAnyOrderElementsOf(women).doesNotContain(manHere);
    }

    @Test
    void theOtherSexesFillTheListWhenTheCallersCoverSeveralAreasButAreFewerPeople() { // R8
        String origin = ListFixtures.origin();
        long here = ListFixtures.area(origin, 0);
        long near = ListFixtures.area(origin, 10);
        Set<Long> women = women(19, "Vera", near, List.of(near, here)); // 38 entries of the area list, 19 people
        long manNear = ListFixtures.addId(ListFixtures.volunteer("Mick", "male", near));

        List<Long> listed = contacts(here, "female", "phone").getList("volunteers.id", Long.class);
        assertThat(listed).hasSize(20).containsAll(women).endsWith(manNear);
    }

    @Test
    void aVolunteerCountsTheNearestAreaTheyCover() {
        String origin = ListFixtures.origin();
        long here = ListFixtures.area(origin, 0);
        long far = ListFixtures.area(origin, 35);
        long mid = ListFixtures.area(origin, 20);
        Map<String, Object> covering = ListFixtures.volunteer("Cora", "female", far);
        covering.put("areaIds", List.of(far, here));
        long coversHere = ListFixtures.addId(covering);
        long livesMid = ListFixtures.addId(ListFixtures.volunteer("Mina", "female", mid));
        JsonPath result = contacts(here, "female", "phone");
        assertThat(ours(result, Set.of(coversHere, livesMid))).containsExactly(coversHere, livesMid);
    }

    @Test
    void equalDistanceGoesToWhoeverWasAskedLeastRecently() {
        String origin = ListFixtures.origin();
        long here = ListFixtures.area(origin, 0);
        long askedYesterday = ListFixtures.addId(ListFixtures.volunteer("Yara", "female", here));
        long askedLastYear = ListFixtures.addId(ListFixtures.volunteer("Lara", "female", here));
        long neverAsked = ListFixtures.addId(ListFixtures.volunteer("Zara", "female", here));
        setLastAsked(askedYesterday, "now() - interval '1 day'");
        setLastAsked(askedLastYear, "now() - interval '1 year'");
        assertThat(ours(contacts(here, "female", "phone"), Set.of(askedYesterday, askedLastYear, neverAsked)))
                .containsExactly(neverAsked, askedLastYear, askedYesterday);
    }

    @Test
    void theIneligibleAreNeverListed() { // R6
        String origin = ListFixtures.origin();
        long here = ListFixtures.area(origin, 0);
        Map<String, Object> recent = ListFixtures.volunteer("Rosa", "female", here);
        recent.put("cleanDate", LocalDate.now().minusMonths(6).toString());
        Map<String, Object> unacknowledged = ListFixtures.volunteer("Una", "female", here);
        unacknowledged.put("guidelinesAcknowledged", false);
        Map<String, Object> inactive = ListFixtures.volunteer("Ines", "female", here);
        inactive.put("active", false);
        Map<String, Object> phoneOnly = ListFixtures.volunteer("Pia", "female", here);
        phoneOnly.put("canVisit", false);
        Set<Long> ineligible = Set.of(ListFixtures.addId(recent), ListFixtures.addId(unacknowledged),
                ListFixtures.addId(inactive));
        long phoneOnlyId = ListFixtures.addId(phoneOnly);
        long eligible = ListFixtures.addId(ListFixtures.volunteer("Ella", "female", here));

        List<Long> forVisit = contacts(here, "female", "visit").getList("volunteers.id", Long.class);
        assertThat(forVisit).contains(eligible).doesNotContainAnyElementsOf(ineligible).doesNotContain(phoneOnlyId);
        List<Long> forPhone = contacts(here, "female", "phone").getList("volunteers.id", Long.class);
        assertThat(forPhone).contains(eligible, phoneOnlyId).doesNotContainAnyElementsOf(ineligible);
    }

    @Test
    void anEditTakesEffectInMatchingAtOnce() { // R6
        String origin = ListFixtures.origin();
        long here = ListFixtures.area(origin, 0);
        long elsewhere = ListFixtures.area(origin, 500);
        Map<String, Object> vera = ListFixtures.volunteer("Vera", "female", here);
        long id = ListFixtures.addId(vera);
        assertThat(contacts(here, "female", "phone").getList("volunteers.id", Long.class)).contains(id);

        vera.put("canPhone", false);
        update(id, vera);
        assertThat(contacts(here, "female", "phone").getList("volunteers.id", Long.class)).doesNotContain(id);
        assertThat(contacts(here, "female", "visit").getList("volunteers.id", Long.class)).contains(id);

        vera.put("homeAreaId", elsewhere);
        vera.put("areaIds", List.of(elsewhere));
        update(id, vera);
        assertThat(contacts(here, "female", "visit").getList("volunteers.id", Long.class)).doesNotContain(id);
        assertThat(contacts(elsewhere, "female", "visit").getList("volunteers.id", Long.class)).contains(id);
    }

    @Test
    void cleanTimeOfExactlyTheMinimumCountsOneDayShortDoesNot() { // R6, STEPCALLS_MIN_CLEAN_TIME=P1Y
        String origin = ListFixtures.origin();
        long here = ListFixtures.area(origin, 0);
        Map<String, Object> exactly = ListFixtures.volunteer("Edie", "female", here);
        exactly.put("cleanDate", LocalDate.now().minusYears(1).toString());
        Map<String, Object> dayShort = ListFixtures.volunteer("Dora", "female", here);
        dayShort.put("cleanDate", LocalDate.now().minusYears(1).plusDays(1).toString());
        long exactlyId = ListFixtures.addId(exactly);
        long shortId = ListFixtures.addId(dayShort);
        List<Long> listed = contacts(here, "female", "phone").getList("volunteers.id", Long.class);
        assertThat(listed).contains(exactlyId).doesNotContain(shortId);
    }

    @Test
    void withNoSameSexVolunteerNearbyTheIndirectRouteIsSuggested() { // R8
        String origin = ListFixtures.origin();
        long here = ListFixtures.area(origin, 0);
        long farAway = ListFixtures.area(origin, 300);
        ListFixtures.addId(ListFixtures.volunteer("Fern", "female", farAway));
        ListFixtures.addId(ListFixtures.volunteer("Milo", "male", here));
        long beyondRadius = ListFixtures.addId(ListFixtures.volunteer("Faye", "female", farAway));
        JsonPath result = contacts(here, "female", "phone");
        assertThat(result.getList("volunteers.id", Long.class)).doesNotContain(beyondRadius);
        assertThat(result.getBoolean("sameSexNearby")).isFalse();
        assertThat(result.getString("indirectRoute")).contains("YOUR number").contains("never recorded");
        assertThat(result.getString("warning")).contains("NEVER give a member's number to the caller"); // R4
        JsonPath forAMan = contacts(here, "male", "phone");
        assertThat(forAMan.getBoolean("sameSexNearby")).isTrue();
        assertThat(forAMan.getString("indirectRoute")).isNull();
    }

    @Test
    void nearbyMeetingsComeWithTheirContactNearestFirst() { // R5
        String origin = ListFixtures.origin();
        long here = ListFixtures.area(origin, 0);
        long near = ListFixtures.area(origin, 15);
        ForumApiClient coordinator = new ForumApiClient(ListFixtures.coordinator());
        long farther = coordinator.post("/api/meetings", Map.of("name", "Further Group", "areaId", near, "weekday", "monday",
                "time", "19:00", "contactName", "Sid", "contactPhone", org.stepcalls.privacy.DramaNumbers.mobile()))
                .statusCode(201).extract().jsonPath().getLong("id");
        long closer = coordinator.post("/api/meetings", Map.of("name", "Local Group", "areaId", here, "weekday", "monday",
                "time", "19:00", "contactName", "Lou", "contactPhone", org.stepcalls.privacy.DramaNumbers.mobile()))
                .statusCode(201).extract().jsonPath().getLong("id");
        coordinator.post("/api/meetings", Map.of("name", "No Contact Group", "areaId", here, "weekday", "monday",
                "time", "19:00")).statusCode(201);
        JsonPath result = contacts(here, "female", "phone");
        List<Long> meetings = result.getList("meetings.id", Long.class);
        assertThat(meetings.subList(0, 2)).containsExactly(closer, farther);
        assertThat(result.getString("meetings[0].contactPhone")).startsWith("07700 900");
    }

    @Test
    void membersCannotLookUpContactsAndBadQueriesAreExplained() {
        long here = ListFixtures.area(ListFixtures.origin(), 0);
        new ForumApiClient(TestUsers.member("mo")).get("/api/contacts?areaId=" + here + "&sex=female&requestType=phone")
                .statusCode(403);
        helpliner.get("/api/contacts?areaId=abc&sex=female&requestType=phone").statusCode(400);
        helpliner.get("/api/contacts?areaId=999999999999&sex=female&requestType=phone").statusCode(400)
                .body("message", org.hamcrest.Matchers.containsString("areaId")); // no such area: the lookup says so
        helpliner.get("/api/contacts?areaId=" + here + "&sex=x&requestType=phone").statusCode(400);
        helpliner.get("/api/contacts?areaId=" + here + "&sex=female&requestType=lift").statusCode(400);
    }

    private JsonPath contacts(long areaId, String sex, String requestType) {
        return helpliner.get("/api/contacts?areaId=" + areaId + "&sex=" + sex + "&requestType=" + requestType)
                .statusCode(200).extract().jsonPath();
    }

    /** {@code count} women living in {@code home} and covering {@code areas}. */
    private static Set<Long> women(int count, String name, long home, List<Long> areas) {
        Set<Long> women = new java.util.HashSet<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> woman = ListFixtures.volunteer(name + (char) ('a' + i), "female", home);
            woman.put("areaIds", areas);
            women.add(ListFixtures.addId(woman));
        }
        return women;
    }

    private static List<Long> ours(JsonPath result, Set<Long> ids) {
        return result.getList("volunteers.id", Long.class).stream().filter(ids::contains).toList();
    }

    private static void update(long id, Map<String, Object> volunteer) {
        io.restassured.RestAssured.given().header("Authorization", TestUsers.bearer(ListFixtures.COORDINATOR))
                .contentType(io.restassured.http.ContentType.JSON).body(volunteer).put("/api/volunteers/" + id)
                .then().statusCode(200);
    }

    private void setLastAsked(long volunteerId, String when) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("UPDATE volunteers SET last_asked_at = " + when + " WHERE id = ?1")
                .setParameter(1, volunteerId).executeUpdate());
    }
}
