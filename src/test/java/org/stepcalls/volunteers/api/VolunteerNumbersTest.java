package org.stepcalls.volunteers.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.DramaNumbers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Who sees which numbers (R4, R13, R16), and that numbers are never stored in clear. */
@QuarkusTest
class VolunteerNumbersTest {

    private final ForumApiClient helpliner = new ForumApiClient(TestUsers.helpliner("hana"));
    private final ForumApiClient coordinator = new ForumApiClient(ListFixtures.coordinator());

    @Inject
    EntityManager entityManager;

    @Test
    void helplinersAndCoordinatorsSeeNumbersMembersOnlyTheirOwnSignedOutNothing() { // R4
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        Map<String, Object> dave = ListFixtures.volunteer("Dave", "male", area);
        long daveId = ListFixtures.addId(dave);
        String daveNumber = ((String) dave.get("phone")).replace(" ", " ");

        helpliner.get("/api/volunteers").statusCode(200);
        assertThat(helpliner.get("/api/volunteers/" + daveId).statusCode(200).extract().jsonPath().getString("phone"))
                .isEqualTo(daveNumber);
        assertThat(coordinator.get("/api/volunteers/" + daveId).statusCode(200).extract().jsonPath().getString("phone"))
                .isEqualTo(daveNumber);

        ForumApiClient member = new ForumApiClient(TestUsers.member("moira"));
        member.get("/api/volunteers").statusCode(403);
        member.get("/api/volunteers/" + daveId).statusCode(404);
        given().get("/api/volunteers").then().statusCode(401);
        given().get("/api/volunteers/" + daveId).then().statusCode(401);

        String own = DramaNumbers.mobile();
        Map<String, Object> moira = ListFixtures.volunteer("Moira", "female", area);
        moira.put("phone", own);
        given().header("Authorization", TestUsers.bearer(member.token())).contentType(ContentType.JSON).body(moira)
                .put("/api/volunteers/me").then().statusCode(200).body("phone", equalTo(own));
        member.get("/api/volunteers/me").statusCode(200).body("phone", equalTo(own)).body("linkedToMember", equalTo(true));
    }

    @Test
    void meetingContactNumbersOnlyForHelplinersAndCoordinators() { // R4, R5
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        String number = DramaNumbers.mobile();
        long meeting = coordinator.post("/api/meetings", Map.of("name", "Hope Group", "areaId", area, "weekday", "tuesday",
                "time", "19:30", "contactName", "Pat", "contactPhone", number)).statusCode(201).extract().jsonPath()
                .getLong("id");
        helpliner.get("/api/meetings/" + meeting).statusCode(200).body("contactPhone", equalTo(number));
        new ForumApiClient(TestUsers.member("milo")).get("/api/meetings/" + meeting).statusCode(200)
                .body("contactName", equalTo("Pat")).body("contactPhone", nullValue()).body("time", equalTo("19:30"));
        given().get("/api/meetings").then().statusCode(401);
    }

    @Test
    void numbersAreNeverStoredInClear() {
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        Map<String, Object> volunteer = ListFixtures.volunteer("Rita", "female", area);
        long id = ListFixtures.addId(volunteer);
        List<Object[]> raw = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT phone_cipher, phone_index, row_to_json(v)::text, phone_display_cipher FROM volunteers v WHERE id = ?1",
                Object[].class)
                .setParameter(1, id).getResultList());
        String cipherHex = HexFormat.of().formatHex((byte[]) raw.get(0)[0]);
        String indexHex = HexFormat.of().formatHex((byte[]) raw.get(0)[1]);
        String row = (String) raw.get(0)[2];
        String displayHex = HexFormat.of().formatHex((byte[]) raw.get(0)[3]);
        for (String spelling : DramaNumbers.spellings((String) volunteer.get("phone"))) {
            String asHex = HexFormat.of().formatHex(spelling.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(cipherHex).doesNotContain(asHex);
            assertThat(indexHex).doesNotContain(asHex);
            assertThat(displayHex).doesNotContain(asHex);
            assertThat(row).doesNotContain(spelling);
        }
    }

    @Test
    void leavingErasesTheRowAtOnceAndAsksACoordinatorToCheckTheMeetingWithTheSameNumber() { // R13
        String token = TestUsers.member("lorna");
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        String number = DramaNumbers.mobile();
        long volunteerId = joinedWith(token, "Lorna", area, number);
        long same = meetingWithContact("Serenity", area, "Lorna", number);
        long other = meetingWithContact("Hope", area, "Lorna", DramaNumbers.mobile()); // the same first name, another number

        given().header("Authorization", TestUsers.bearer(token)).delete("/api/volunteers/me").then().statusCode(204);

        assertThat(rowsOf(volunteerId)).isZero();
        assertThat(contactOf(same)).as("the number alone does not say it is her: a coordinator decides").doesNotContainNull();
        String tasks = coordinator.get("/api/tasks").statusCode(200).extract().asString();
        assertThat(tasks).doesNotContain(number.substring(6)); // a task never holds the number
        List<Map<String, Object>> check = checksOf(same);
        assertThat(check).singleElement().satisfies(task -> {
            assertThat(task).containsEntry("done", false).containsEntry("meetingName", "Serenity").containsEntry("firstName", "Lorna");
        });
        assertThat(checksOf(other)).isEmpty();
        // meanwhile no helpliner is offered that contact (she asked to leave); coordinators still see it, to decide
        assertThat(helpliner.get("/api/contacts?areaId=" + area + "&sex=female&requestType=phone").statusCode(200).extract()
                .jsonPath().getList("meetings.id", Long.class)).doesNotContain(same).contains(other);
        assertThat(helpliner.get("/api/meetings/" + same).statusCode(200).extract().asString()).doesNotContain("Lorna")
                .doesNotContain(number.substring(6));
        assertThat(helpliner.get("/api/meetings?areaId=" + area).statusCode(200).extract().jsonPath()
                .getList("findAll { it.contactName == 'Lorna' }.id", Long.class)).containsExactly(other);
        assertThat(coordinator.get("/api/meetings/" + same).statusCode(200).extract().jsonPath().getString("contactName"))
                .isEqualTo("Lorna");
        new ForumApiClient(token).get("/api/volunteers/me").statusCode(404);
        given().header("Authorization", TestUsers.bearer(token)).delete("/api/volunteers/me").then().statusCode(404);

        long task = ((Number) check.get(0).get("id")).longValue();
        coordinator.post("/api/tasks/" + task + "/done", Map.of("removeContact", true)).statusCode(200)
                .body("resolution", equalTo("contact_removed"));
        assertThat(contactOf(same)).containsOnlyNulls();
        assertThat(contactOf(other)).doesNotContainNull();
        coordinator.post("/api/tasks/" + task + "/done", Map.of("removeContact", true)).statusCode(409);
    }

    @Test
    void aMeetingContactWhoIsSomeoneElseIsKeptAndOnlyAnAskedForRemovalRaisesTheCheck() { // R13
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        String shared = DramaNumbers.mobile();
        long meeting = meetingWithContact("Open Door", area, "Quinn", shared);
        Map<String, Object> entry = ListFixtures.volunteer("Quentin", "male", area);
        entry.put("phone", shared);
        long relapsed = ListFixtures.addId(entry);
        given().header("Authorization", TestUsers.bearer(coordinator.token())).delete("/api/volunteers/" + relapsed + "?reason=no_longer_eligible")
                .then().statusCode(204);
        assertThat(checksOf(meeting)).as("removed for another reason: no check").isEmpty();

        long leaving = ListFixtures.addId(entry);
        given().header("Authorization", TestUsers.bearer(coordinator.token())).delete("/api/volunteers/" + leaving + "?reason=asked_to_leave")
                .then().statusCode(204);
        long task = ((Number) checksOf(meeting).get(0).get("id")).longValue();
        assertThat(helpliner.get("/api/meetings/" + meeting).statusCode(200).extract().jsonPath().getString("contactName"))
                .as("held back while checked").isNull();
        coordinator.post("/api/tasks/" + task + "/done", null).statusCode(200).body("resolution", equalTo("contact_kept"));
        assertThat(contactOf(meeting)).doesNotContainNull();
        assertThat(helpliner.get("/api/meetings/" + meeting).statusCode(200).extract().jsonPath().getString("contactName"))
                .as("offered again once kept").isEqualTo("Quinn");
    }

    @Test
    void aCoordinatorWhoChangesTheContactOnTheMeetingSettlesItsCheck() { // R13
        String token = TestUsers.member("nerys");
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        String number = DramaNumbers.mobile();
        joinedWith(token, "Nerys", area, number);
        long meeting = meetingWithContact("New Dawn", area, "Nerys", number);
        given().header("Authorization", TestUsers.bearer(token)).delete("/api/volunteers/me").then().statusCode(204);
        assertThat(checksOf(meeting)).singleElement().satisfies(task -> assertThat(task).containsEntry("done", false));

        coordinator.put("/api/meetings/" + meeting, Map.of("name", "New Dawn", "areaId", area, "weekday", "friday",
                "time", "20:00", "contactName", "Owain", "contactPhone", DramaNumbers.mobile())).statusCode(200);
        assertThat(checksOf(meeting)).singleElement().satisfies(task -> assertThat(task).containsEntry("done", true)
                .containsEntry("resolution", "contact_removed").containsEntry("firstName", null)); // not Owain, who was never checked
        assertThat(helpliner.get("/api/meetings/" + meeting).statusCode(200).extract().jsonPath().getString("contactName"))
                .isEqualTo("Owain");
    }

    private long meetingWithContact(String name, long area, String contactName, String phone) {
        return coordinator.post("/api/meetings", Map.of("name", name, "areaId", area, "weekday", "friday", "time", "20:00",
                "contactName", contactName, "contactPhone", phone)).statusCode(201).extract().jsonPath().getLong("id");
    }

    private Object[] contactOf(long meeting) {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery(
                "SELECT contact_name, contact_phone_cipher, contact_phone_display_cipher FROM meetings WHERE id = ?1", Object[].class)
                .setParameter(1, meeting).getSingleResult());
    }

    /** The coordinators' open and done checks of this meeting's contact. */
    private List<Map<String, Object>> checksOf(long meeting) {
        List<Map<String, Object>> all = coordinator.get("/api/tasks").statusCode(200).extract().jsonPath().getList("tasks");
        return all.stream().filter(t -> "check_meeting_contact".equals(t.get("kind"))
                && t.get("meetingId") != null && ((Number) t.get("meetingId")).longValue() == meeting).toList();
    }

    @Test
    void someoneWhoseRolesWereTakenAwayMayStillLeave() { // R13
        long volunteerId = joined(TestUsers.member("marisol"), "Marisol", ListFixtures.area(ListFixtures.origin(), 0));

        String withoutRoles = TestUsers.forTheWholeRun("marisol");
        given().header("Authorization", TestUsers.bearer(withoutRoles)).delete("/api/volunteers/me").then().statusCode(204);
        assertThat(rowsOf(volunteerId)).isZero();
    }

    /** {@code firstName} joins the list with {@code token}; their entry's id. */
    private static long joined(String token, String firstName, long area) {
        return joinedWith(token, firstName, area, DramaNumbers.mobile());
    }

    private static long joinedWith(String token, String firstName, long area, String phone) {
        Map<String, Object> entry = ListFixtures.volunteer(firstName, "female", area);
        entry.put("phone", phone);
        given().header("Authorization", TestUsers.bearer(token)).contentType(ContentType.JSON).body(entry)
                .put("/api/volunteers/me").then().statusCode(200);
        return new ForumApiClient(token).get("/api/volunteers/me").extract().jsonPath().getLong("id");
    }

    private long rowsOf(long volunteerId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM volunteers WHERE id = ?1").setParameter(1, volunteerId)
                .getSingleResult()).longValue());
    }

    @Test
    void coordinatorRemovesSomeoneWithAnAuditedReasonAndNoText() { // R13, R17
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        long id = ListFixtures.addId(ListFixtures.volunteer("Gus", "male", area));
        helpliner.post("/api/volunteers", ListFixtures.volunteer("Nope", "male", area)).statusCode(403);
        given().header("Authorization", TestUsers.bearer(helpliner.token())).delete("/api/volunteers/" + id).then()
                .statusCode(403);
        given().header("Authorization", TestUsers.bearer(coordinator.token())).delete("/api/volunteers/" + id + "?reason=gossip")
                .then().statusCode(400);
        given().header("Authorization", TestUsers.bearer(coordinator.token()))
                .delete("/api/volunteers/" + id + "?reason=no_longer_eligible").then().statusCode(204);
        coordinator.get("/api/volunteers/" + id).statusCode(404);
        String audit = QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                "SELECT row_to_json(a)::text FROM audit_log a WHERE volunteer_id = ?1 AND action = 'volunteer_removed'")
                .setParameter(1, id).getSingleResult());
        assertThat(audit).contains("no_longer_eligible").doesNotContain("Gus");
    }

    @Test
    void joiningNeedsTheGuidelinesAcknowledgedAndAValidNumber() { // R6
        String token = TestUsers.member("nell");
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        Map<String, Object> entry = ListFixtures.volunteer("Nell", "female", area);
        entry.put("guidelinesAcknowledged", false);
        given().header("Authorization", TestUsers.bearer(token)).contentType(ContentType.JSON).body(entry)
                .put("/api/volunteers/me").then().statusCode(400).body("message", org.hamcrest.Matchers.containsString("guidelines"));
        entry.put("guidelinesAcknowledged", true);
        entry.put("phone", "12345");
        given().header("Authorization", TestUsers.bearer(token)).contentType(ContentType.JSON).body(entry)
                .put("/api/volunteers/me").then().statusCode(400).body("error", equalTo("invalid_input"))
                .body("message", notNullValue());
        entry.put("phone", DramaNumbers.mobile());
        entry.put("formReceived", true);
        given().header("Authorization", TestUsers.bearer(token)).contentType(ContentType.JSON).body(entry)
                .put("/api/volunteers/me").then().statusCode(200).body("formReceived", equalTo(false))
                .body("guidelinesAcknowledged", equalTo(true));
    }

    /**
     * A member giving a number already on the list is told (so someone on the old list asks to be linked),
     * each try is audited with the entry named, and after three in a day no new number is taken from them
     * at all — a free one neither — so the answer stops telling anything about numbers not theirs.
     */
    @Test
    void aMemberLearnsANumberIsListedOnlyAFewTimesADayEachTryAudited() { // R4
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        List<Long> listed = new java.util.ArrayList<>();
        List<String> listedNumbers = new java.util.ArrayList<>();
        for (String name : List.of("Ida", "Iris", "Ines")) {
            Map<String, Object> entry = ListFixtures.volunteer(name, "female", area);
            listed.add(ListFixtures.addId(entry));
            listedNumbers.add((String) entry.get("phone"));
        }
        String name = "prue" + org.stepcalls.FreshLetters.of(6);
        String token = TestUsers.member(name);
        Map<String, Object> own = ListFixtures.volunteer("Prue", "female", area);
        String ownNumber = (String) own.get("phone");
        joinAs(token, own).statusCode(200);

        for (String taken : listedNumbers) {
            own.put("phone", taken);
            own.put("firstName", "Mallory"); // refused with the number: nothing of the entry changes
            joinAs(token, own).statusCode(409).body("error", equalTo("already_listed"))
                    .body("message", org.hamcrest.Matchers.containsString("ask a coordinator"));
        }
        new ForumApiClient(token).get("/api/volunteers/me").statusCode(200).body("firstName", equalTo("Prue"))
                .body("phone", equalTo(ownNumber));
        long account = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT id FROM accounts WHERE subject = ?1").setParameter(1, "sub-" + name).getSingleResult()).longValue());
        List<?> tries = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT volunteer_id FROM audit_log WHERE actor_id = ?1 AND action = 'volunteer_number_taken' ORDER BY id")
                .setParameter(1, account).getResultList());
        assertThat(tries).extracting(id -> ((Number) id).longValue()).containsExactlyElementsOf(listed);

        own.put("phone", DramaNumbers.mobile()); // free, yet refused: a refusal only for taken ones would still answer
        joinAs(token, own).statusCode(429).body("error", equalTo("numbers_tried"));
        own.put("phone", listedNumbers.get(0));
        joinAs(token, own).statusCode(429).body("error", equalTo("numbers_tried"));
        own.put("phone", ownNumber);
        own.put("firstName", "Prudence"); // their own number kept: the entry still changes
        joinAs(token, own).statusCode(200).body("firstName", equalTo("Prudence")).body("phone", equalTo(ownNumber));
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM audit_log WHERE actor_id = ?1 AND action = 'volunteer_number_taken'")
                .setParameter(1, account).getSingleResult()).longValue())).isEqualTo(3);
        // a coordinator sees every number anyway: told each time, no limit
        for (int i = 0; i < 4; i++) {
            Map<String, Object> again = ListFixtures.volunteer("Isla", "female", area);
            again.put("phone", listedNumbers.get(i % 3));
            ListFixtures.add(again).statusCode(409).body("error", equalTo("already_listed"));
        }
    }

    @Test
    void deletingTheAccountDoesNotStartTheDaysTriesAfresh() { // R4
        String token = TestUsers.member("quin" + org.stepcalls.FreshLetters.of(6));
        Map<String, Object> entry = entryWithAListedNumber("Quin");
        for (int i = 0; i < 3; i++) {
            joinAs(token, entry).statusCode(409).body("error", equalTo("already_listed"));
        }
        new ForumApiClient(token).get("/api/volunteers/me").statusCode(404); // the refused join saved no entry
        given().header("Authorization", TestUsers.bearer(token)).delete("/api/me").then().statusCode(204);
        entry.put("phone", DramaNumbers.mobile()); // the same identity signs in again: a new account, the same count
        joinAs(token, entry).statusCode(429).body("error", equalTo("numbers_tried"));
    }

    @Test
    void triesSentAtOnceAreCountedOneAfterAnother() throws Exception { // R4
        String token = TestUsers.member("rosa" + org.stepcalls.FreshLetters.of(6));
        Map<String, Object> entry = entryWithAListedNumber("Rosa");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 10; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return joinAs(token, entry).extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(statuses).filteredOn(status -> status == 409).hasSize(3);
            assertThat(statuses).filteredOn(status -> status == 429).hasSize(7);
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code firstName}'s entry giving the number of someone a coordinator has just listed. */
    private static Map<String, Object> entryWithAListedNumber(String firstName) {
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        Map<String, Object> listed = ListFixtures.volunteer("Jude", "female", area);
        ListFixtures.addId(listed);
        Map<String, Object> entry = ListFixtures.volunteer(firstName, "female", area);
        entry.put("phone", listed.get("phone"));
        return entry;
    }

    private static io.restassured.response.ValidatableResponse joinAs(String token, Map<String, Object> entry) {
        return given().header("Authorization", TestUsers.bearer(token)).contentType(ContentType.JSON).body(entry)
                .put("/api/volunteers/me").then();
    }

    @Test
    void theSameNumberCannotBeListedTwice() {
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        Map<String, Object> first = ListFixtures.volunteer("Ada", "female", area);
        ListFixtures.addId(first);
        Map<String, Object> second = ListFixtures.volunteer("Bea", "female", area);
        second.put("phone", ((String) first.get("phone")).replace(" ", "-"));
        ListFixtures.add(second).statusCode(409).body("error", equalTo("already_listed"));
    }
}
