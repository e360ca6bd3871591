package org.stepcalls.privacy.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stepcalls.calls.api.CallFixtures;
import org.stepcalls.platform.security.Account;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** GET /api/audit and /admin/audit: admins read who did what, and when — never a number or any text (R16, R17). */
@QuarkusTest
class AuditApiTest {

    private static final String ADMIN = TestUsers.admin("ada");

    @Inject
    EntityManager entityManager;

    @Test
    void aRevealOfTheCallersNumberIsReadBackWithWhoAndWhenButNeverTheNumber() { // R16
        String helpliner = TestUsers.helpliner("hestia");
        String number = DramaNumbers.mobile();
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        long topic = given().auth().oauth2(helpliner).contentType(ContentType.JSON)
                .body(CallFixtures.intake(area, "Philippa", number)).post("/api/calls")
                .then().statusCode(201).extract().jsonPath().getLong("topicId");
        given().auth().oauth2(helpliner).contentType(ContentType.JSON).post("/api/calls/" + topic + "/caller-phone").then().statusCode(200);

        String json = given().auth().oauth2(ADMIN).queryParam("topicId", topic).get("/api/audit")
                .then().statusCode(200).contentType("application/json")
                .body("entries", hasSize(1))
                .body("entries[0].action", equalTo("caller_phone_revealed"))
                .body("entries[0].actor", equalTo("hestia"))
                .body("entries[0].topicId", equalTo((int) topic))
                .body("entries[0].postId", nullValue())
                .body("next", nullValue())
                .extract().asString();
        assertThat(OffsetDateTime.parse(JsonPath.from(json).getString("entries[0].at")))
                .isAfter(OffsetDateTime.now().minusMinutes(5));
        assertNoCallerDetail(json, number);

        String page = given().auth().oauth2(ADMIN).queryParam("topicId", topic).get("/admin/audit")
                .then().statusCode(200).extract().asString();
        assertThat(page).contains("Caller phone revealed").contains("hestia").contains("topic " + topic);
        assertNoCallerDetail(page, number);
    }

    @Test
    void aCoordinatorsChangesToAMeetingAreReadBackByMeetingWithNoNameOrNumber() { // R17
        String coordinator = TestUsers.coordinator("mererid");
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        String number = DramaNumbers.mobile();
        Map<String, Object> meeting = new java.util.HashMap<>(Map.of("name", "Clean and Serene", "areaId", area, "weekday", "monday",
                "time", "19:00"));
        long id = given().auth().oauth2(coordinator).contentType(ContentType.JSON).body(meeting).post("/api/meetings")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        meeting.put("contactName", "Gwenllian");
        meeting.put("contactPhone", number);
        given().auth().oauth2(coordinator).contentType(ContentType.JSON).body(meeting).put("/api/meetings/" + id).then().statusCode(200);
        meeting.put("time", "19:30"); // the same contact: no contact code
        given().auth().oauth2(coordinator).contentType(ContentType.JSON).body(meeting).put("/api/meetings/" + id).then().statusCode(200);
        meeting.put("contactPhone", DramaNumbers.mobile());
        given().auth().oauth2(coordinator).contentType(ContentType.JSON).body(meeting).put("/api/meetings/" + id).then().statusCode(200);
        meeting.remove("contactName");
        meeting.remove("contactPhone");
        given().auth().oauth2(coordinator).contentType(ContentType.JSON).body(meeting).put("/api/meetings/" + id).then().statusCode(200);
        given().auth().oauth2(coordinator).delete("/api/meetings/" + id).then().statusCode(204);

        String json = given().auth().oauth2(ADMIN).queryParam("actor", account("mererid")).get("/api/audit").then().statusCode(200)
                .extract().asString();
        JsonPath entries = JsonPath.from(json);
        assertThat(entries.getList("entries.action")).containsExactly("meeting_deleted", "meeting_updated", "meeting_updated",
                "meeting_updated", "meeting_updated", "meeting_added");
        assertThat(entries.getList("entries.detail")).containsExactly(null, "contact_removed", "contact_changed", null,
                "contact_added", null);
        assertThat(entries.getList("entries.meetingId", Long.class)).containsOnly(id);
        assertThat(json).doesNotContain("Gwenllian").doesNotContain(number.substring(6)).doesNotContain("Clean and Serene");
        assertThat(given().auth().oauth2(ADMIN).queryParam("action", "meeting_deleted").get("/admin/audit").then().statusCode(200)
                .extract().asString()).contains("Meeting deleted · meeting " + id);
    }

    @Test
    void aListChangeNamesItsEntryAndItsReasonInWords() { // R17
        String coordinator = TestUsers.coordinator("mairwen");
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        Map<String, Object> volunteer = ListFixtures.volunteer("Eirlys", "female", area);
        long id = given().auth().oauth2(coordinator).contentType(ContentType.JSON).body(volunteer).post("/api/volunteers").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(coordinator).queryParam("reason", "no_longer_eligible").delete("/api/volunteers/" + id).then()
                .statusCode(204);
        JsonPath entries = given().auth().oauth2(ADMIN).queryParam("actor", account("mairwen")).get("/api/audit").then()
                .statusCode(200).extract().jsonPath();
        assertThat(entries.getList("entries.volunteerId", Long.class)).containsOnly(id);
        String page = given().auth().oauth2(ADMIN).queryParam("actor", account("mairwen")).get("/admin/audit").then()
                .statusCode(200).extract().asString();
        assertThat(page).contains("list entry " + id + " · no longer eligible").doesNotContain("no_longer_eligible")
                .doesNotContain("Eirlys").doesNotContain(((String) volunteer.get("phone")).substring(6));
    }

    @Test
    void filtersNarrowByActionPersonAndDays() {
        long topic = uniqueTopic();
        long ann = account("annabel");
        long bo = account("bodhi");
        plant(topic, ann, "post_hidden", "2026-03-01T10:00:00Z");
        plant(topic, ann, "topic_closed", "2026-03-02T23:30:00Z"); // London keeps GMT until late March: the 2nd
        plant(topic, bo, "post_hidden", "2026-03-03T09:00:00Z");
        plant(topic, bo, "topic_pinned", "2026-06-10T23:30:00Z"); // 11 June in London (BST)

        assertThat(actions(Map.of("topicId", topic))).containsExactly("topic_pinned", "post_hidden", "topic_closed",
                "post_hidden");
        assertThat(actions(Map.of("topicId", topic, "action", "post_hidden"))).containsExactly("post_hidden", "post_hidden");
        assertThat(actions(Map.of("topicId", topic, "actor", ann))).containsExactly("topic_closed", "post_hidden");
        assertThat(actions(Map.of("topicId", topic, "actor", bo, "action", "post_hidden"))).containsExactly("post_hidden");
        assertThat(actions(Map.of("topicId", topic, "from", "2026-03-02", "to", "2026-03-02"))).containsExactly("topic_closed");
        assertThat(actions(Map.of("topicId", topic, "from", "2026-06-11"))).containsExactly("topic_pinned");
        assertThat(actions(Map.of("topicId", topic, "to", "2026-06-10"))).containsExactly("post_hidden", "topic_closed",
                "post_hidden");
        given().auth().oauth2(ADMIN).queryParam("topicId", topic).queryParam("actor", ann).get("/api/audit")
                .then().body("entries.actor", equalTo(List.of("annabel", "annabel")))
                .body("entries.actorId", equalTo(List.of((int) ann, (int) ann)));

        String page = given().auth().oauth2(ADMIN).queryParam("topicId", topic).queryParam("action", "post_hidden")
                .queryParam("actor", bo).get("/admin/audit").then().statusCode(200).extract().asString();
        assertThat(page).contains("Post hidden").contains("bodhi").doesNotContain("annabel</strong>")
                .contains("<option value=\"post_hidden\" selected>");
    }

    @Test
    void pagesNewestFirstUntilTheLastEntry() {
        long topic = uniqueTopic();
        long actor = account("pagina");
        OffsetDateTime start = OffsetDateTime.of(2026, 1, 5, 8, 0, 0, 0, ZoneOffset.UTC);
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                INSERT INTO audit_log (at, actor_id, action, topic_id, post_id)
                SELECT CAST(?1 AS timestamptz) + (n / 2) * interval '1 minute', ?2, 'post_hidden', ?3, n FROM generate_series(1, 121) n""")
                .setParameter(1, start).setParameter(2, actor).setParameter(3, topic).executeUpdate());

        List<Integer> posts = new ArrayList<>();
        String before = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(ADMIN).queryParam("topicId", topic);
            if (before != null) {
                request.queryParam("before", before);
            }
            JsonPath body = request.get("/api/audit").then().statusCode(200).extract().jsonPath();
            posts.addAll(body.getList("entries.postId", Integer.class));
            List<OffsetDateTime> times = body.getList("entries.at", String.class).stream().map(OffsetDateTime::parse).toList();
            for (int i = 1; i < times.size(); i++) {
                assertThat(times.get(i)).isBeforeOrEqualTo(times.get(i - 1));
            }
            before = body.getString("next");
            pages++;
        } while (before != null);

        assertThat(pages).isEqualTo(3);
        assertThat(posts).hasSize(121).doesNotHaveDuplicates();
        assertThat(posts.get(0)).isIn(120, 121); // the newest minute holds two entries
        assertThat(posts.get(120)).isEqualTo(1);

        String first = given().auth().oauth2(ADMIN).queryParam("topicId", topic).get("/admin/audit")
                .then().statusCode(200).extract().asString();
        assertThat(first).contains("rel=\"next\"").contains("topicId=" + topic);
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource({ "action, revealed_everything", "topicId, twelve", "topicId, -3", "actor, 0", "from, 2026-13-01",
            "to, yesterday", "before, not-a-cursor" })
    void badFiltersAreRefusedWithTheErrorJson(String name, String value) {
        given().auth().oauth2(ADMIN).queryParam(name, value).get("/api/audit")
                .then().statusCode(400).contentType("application/json").body("error", equalTo("invalid_input"));
        String page = given().auth().oauth2(ADMIN).queryParam(name, value).get("/admin/audit")
                .then().statusCode(400).extract().asString();
        assertThat(page).contains("role=\"alert\"");
    }

    @Test
    void aStartAfterTheEndIsRefused() {
        given().auth().oauth2(ADMIN).queryParam("from", "2026-05-02").queryParam("to", "2026-05-01").get("/api/audit")
                .then().statusCode(400).body("message", equalTo("'from' must not be after 'to'."));
        String page = given().auth().oauth2(ADMIN).queryParam("from", "2026-05-02").queryParam("to", "2026-05-01")
                .get("/admin/audit").then().statusCode(400).extract().asString();
        assertThat(page).contains("id=\"from\" name=\"from\" type=\"date\" value=\"2026-05-02\" aria-invalid=\"true\"");
    }

    @Test
    void onlyAdminsReadTheAuditLog() {
        for (String other : List.of(TestUsers.coordinator("corin"), TestUsers.helpliner("hal"), TestUsers.member("mo"))) {
            given().auth().oauth2(other).get("/api/audit").then().statusCode(403).body("error", equalTo("forbidden"));
            given().auth().oauth2(other).get("/admin/audit").then().statusCode(403);
            assertThat(given().auth().oauth2(other).get("/").then().extract().asString()).doesNotContain("/admin/audit");
        }
        given().redirects().follow(false).get("/api/audit").then().statusCode(401);
        assertThat(given().auth().oauth2(ADMIN).get("/").then().extract().asString()).contains("href=\"/admin/audit\"");
    }

    private static List<String> actions(Map<String, Object> query) {
        return given().auth().oauth2(ADMIN).queryParams(query).get("/api/audit").then().statusCode(200)
                .extract().jsonPath().getList("entries.action", String.class);
    }

    private long account(String name) {
        given().auth().oauth2(TestUsers.member(name)).get("/api/categories").then().statusCode(200);
        return QuarkusTransaction.requiringNew().call(() -> Account.<Account> find("subject", "sub-" + name).firstResult().id);
    }

    private void plant(long topic, long actor, String action, String at) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "INSERT INTO audit_log (at, actor_id, action, topic_id) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, OffsetDateTime.parse(at)).setParameter(2, actor).setParameter(3, action)
                .setParameter(4, topic).executeUpdate());
    }

    /** A topic id no real topic has, so planted entries are read back alone. */
    private static long uniqueTopic() {
        return 1_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    }

    private static void assertNoCallerDetail(String text, String number) {
        assertThat(text).doesNotContain("Philippa");
        for (String spelling : DramaNumbers.spellings(number)) {
            assertThat(text).doesNotContain(spelling);
        }
        assertThat(text.replaceAll("\\D", "")).doesNotContain(number.replaceAll("\\D", "").substring(1));
    }
}
