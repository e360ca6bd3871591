package org.stepcalls.forum.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class TopicsApiTest {

    private final ForumApiClient mia = new ForumApiClient(TestUsers.member("mia"));
    private final ForumApiClient tom = new ForumApiClient(TestUsers.member("tom"));
    private final ForumApiClient helen = new ForumApiClient(TestUsers.helpliner("helen"));
    private final ForumApiClient carl = new ForumApiClient(TestUsers.coordinator("carl"));

    @Inject
    EntityManager entityManager;

    @Test
    void memberStartsATopicAndReadsItBack() {
        long id = mia.createTopicId("general", "Sunday meeting moved", "The **Sunday** meeting is at 19:30 now.");
        mia.topic(id).statusCode(200)
                .body("title", equalTo("Sunday meeting moved"))
                .body("category", equalTo("general"))
                .body("status", equalTo("open"))
                .body("openerName", equalTo("mia"))
                .body("posts", hasSize(1))
                .body("posts[0].kind", equalTo("text"))
                .body("posts[0].authorName", equalTo("mia"))
                .body("posts[0].body", equalTo("The **Sunday** meeting is at 19:30 now."))
                .body("posts[0].html", containsString("<strong>Sunday</strong>"))
                .body("posts[0].hidden", equalTo(false))
                .body("posts[0].createdAt", notNullValue());
    }

    @Test
    void numbersAndAddressesAreRemovedFromTitleAndBodyBeforeStorage() { // R16
        JsonPath created = mia.createTopic("general", "Call me on 07700 900123",
                "Or 0 7 7 0 0 9 0 0 4 5 6, or mail mia@example.org. Meeting 19:30 on 27/11/2026, 12 of us.")
                .statusCode(201).extract().jsonPath();
        assertThat(created.getInt("redactions")).isEqualTo(3);
        long id = created.getLong("id");
        mia.topic(id).body("title", equalTo("Call me on [number removed]"))
                .body("posts[0].body", equalTo("Or [number removed], or mail [email removed]. Meeting 19:30 on 27/11/2026, 12 of us."));
        assertThat(rawColumns(id)).doesNotContain("900123", "0 7 7 0 0", "mia@example.org");
    }

    @Test
    void editsAreRedactedAndThePreviousTextIsKeptAsARevision() {
        long topic = mia.createTopicId("general", "Service update", "First version");
        long post = firstPostId(mia, topic);
        mia.edit(post, "Second version, ring 07700-900-321").statusCode(200).body("redactions", equalTo(1));
        mia.edit(post, "Third version").statusCode(200).body("redactions", equalTo(0));
        mia.topic(topic).body("posts[0].body", equalTo("Third version")).body("posts[0].editedAt", notNullValue());
        mia.get("/api/posts/" + post + "/revisions").statusCode(200)
                .body("number", equalTo(List.of(1, 2)))
                .body("body", equalTo(List.of("First version", "Second version, ring [number removed]")));
    }

    @Test
    void onlyTheAuthorMayEditAPost() {
        long topic = mia.createTopicId("general", "Mine", "My words");
        long post = firstPostId(mia, topic);
        tom.edit(post, "Not my words").statusCode(403).body("error", equalTo("forbidden"))
                .body("message", containsString("author"));
        carl.edit(post, "Not mine either").statusCode(403);
        mia.topic(topic).body("posts[0].body", equalTo("My words"));
    }

    @Test
    void aClosedTopicRefusesRepliesAndEdits() {
        long topic = mia.createTopicId("general", "To be closed", "Opening post");
        long post = firstPostId(mia, topic);
        tom.reply(topic, "A reply before closing").statusCode(201);
        carl.post("/api/topics/" + topic + "/close", null).statusCode(200);
        tom.reply(topic, "Too late").statusCode(409).body("error", equalTo("topic_closed"));
        mia.edit(post, "Changed").statusCode(409);
        mia.topic(topic).body("status", equalTo("closed")).body("posts", hasSize(2));
        carl.post("/api/topics/" + topic + "/reopen", null).statusCode(200);
        tom.reply(topic, "Open again").statusCode(201);
    }

    @Test
    void onlyCoordinatorsCloseAndPin() {
        long topic = mia.createTopicId("general", "Can I close this", "Body");
        mia.post("/api/topics/" + topic + "/close", null).statusCode(403);
        helen.post("/api/topics/" + topic + "/pin", null).statusCode(403);
        carl.post("/api/topics/" + topic + "/pin", null).statusCode(200);
        mia.topic(topic).body("pinned", equalTo(true)).body("status", equalTo("open"));
    }

    @Test
    void theCallsBoardTakesNoPlainTopics() {
        helen.createTopic("12th-step-calls", "A call", "Caller details").statusCode(409)
                .body("error", equalTo("use_calls_board")).body("message", containsString("/api/calls"));
    }

    @Test
    void categoriesOutsideYourRolesAreNotFoundOrRefused() {
        mia.createTopic("helpliners", "Sneaky", "Body").statusCode(400).body("error", equalTo("invalid_input"));
        mia.createTopic("announcements", "Not mine to announce", "Body").statusCode(403);
        mia.createTopic("no-such-category", "Lost", "Body").statusCode(400);
        long hidden = helen.createTopicId("helpliners", "Rota", "Who covers Friday?");
        String unknown = mia.topic(999_999_999L).statusCode(404).extract().asString();
        String invisible = mia.topic(hidden).statusCode(404).extract().asString();
        assertThat(invisible).isEqualTo(unknown);
        mia.reply(hidden, "Let me in").statusCode(404);
        mia.get("/api/topics?category=helpliners").statusCode(404);
    }

    @Test
    void badInputGetsAClearErrorAndNothingIsSaved() {
        long before = topicCount();
        mia.createTopic("general", "  ", "Body").statusCode(400).body("error", equalTo("invalid_input"))
                .body("message", containsString("title"));
        mia.createTopic("general", "x".repeat(201), "Body").statusCode(400).body("message", containsString("200"));
        mia.createTopic("general", "Title", "").statusCode(400).body("message", containsString("empty"));
        mia.createTopic("general", "Title", "y".repeat(20_001)).statusCode(400).body("message", containsString("20000"));
        given().header("Authorization", TestUsers.bearer(mia.token())).contentType(ContentType.JSON)
                .body("{\"category\": \"general\", \"title\": ").when().post("/api/topics")
                .then().statusCode(400).body("error", equalTo("malformed_json")).body("message", notNullValue());
        given().header("Authorization", TestUsers.bearer(mia.token())).contentType(ContentType.JSON)
                .body("{\"category\": \"general\", \"title\": {\"a\": 1}, \"body\": \"x\"}").when().post("/api/topics")
                .then().log().ifValidationFails().statusCode(400).body("error", equalTo("invalid_input"));
        given().header("Authorization", TestUsers.bearer(mia.token())).contentType(ContentType.JSON)
                .when().post("/api/topics").then().statusCode(400);
        assertThat(topicCount()).isEqualTo(before);
        mia.createTopic("general", "x".repeat(200), "y".repeat(20_000)).statusCode(201);
    }

    @Test
    void coordinatorsHidePostsWithAReasonAndTheAuditHoldsNoText() { // R17
        long topic = mia.createTopicId("general", "Heated", "Calm opening");
        long post = tom.reply(topic, "Rude reply").statusCode(201).extract().jsonPath().getLong("id");
        mia.post("/api/posts/" + post + "/hide", Map.of("reason", "rude")).statusCode(403);
        carl.post("/api/posts/" + post + "/hide", Map.of("reason", " ")).statusCode(400);
        carl.post("/api/posts/" + post + "/hide", Map.of("reason", "Personal attack, see 07700 900777")).statusCode(200);
        mia.topic(topic).body("posts[1].hidden", equalTo(true)).body("posts[1].body", equalTo(""))
                .body("posts[1].html", equalTo(""));
        tom.topic(topic).body("posts[1].body", equalTo("Rude reply"));
        carl.topic(topic).body("posts[1].body", equalTo("Rude reply"))
                .body("posts[1].hiddenReason", equalTo("Personal attack, see [number removed]"));
        List<Object[]> audit = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("SELECT * FROM audit_log WHERE post_id = ?1", Object[].class).setParameter(1, post)
                .getResultList());
        assertThat(audit).hasSize(1);
        assertThat(java.util.Arrays.toString(audit.get(0))).contains("post_hidden").doesNotContain("Personal", "Rude");
    }

    @Test
    void latestListsPageByCursorNewestActivityFirst() {
        ForumApiClient pat = new ForumApiClient(TestUsers.member("pat"));
        Set<Long> mine = new HashSet<>();
        for (int i = 0; i < 35; i++) {
            mine.add(pat.createTopicId("general", "Paging topic " + i, "Body " + i));
        }
        long bumped = mine.iterator().next();
        pat.reply(bumped, "Bump to the top").statusCode(201);

        List<Long> seen = new ArrayList<>();
        List<String> times = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = pat.get("/api/topics?category=general" + (cursor == null ? "" : "&before=" + cursor))
                    .statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("topics.id", Long.class));
            times.addAll(page.getList("topics.lastActivityAt", String.class));
            cursor = page.getString("next");
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates().containsAll(mine);
        assertThat(seen.get(0)).isEqualTo(bumped);
        List<java.time.Instant> instants = times.stream().map(t -> java.time.OffsetDateTime.parse(t).toInstant()).toList();
        assertThat(instants).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        pat.get("/api/topics?before=not-a-cursor").statusCode(400).body("error", equalTo("invalid_input"));
    }

    @Test
    void searchFindsTitlesAndBodiesButNeverHiddenPosts() {
        long topic = mia.createTopicId("general", "Kettle rota", "Who brings the marmalade?");
        long rude = tom.reply(topic, "Zanzibar porcupine").statusCode(201).extract().jsonPath().getLong("id");
        mia.get("/api/search?q=kettle").statusCode(200).body("results.topicId", org.hamcrest.Matchers.hasItem((int) topic));
        mia.get("/api/search?q=marmalade").body("results.topicId", org.hamcrest.Matchers.hasItem((int) topic));
        mia.get("/api/search?q=porcupine").body("results.postId", org.hamcrest.Matchers.hasItem((int) rude));
        carl.post("/api/posts/" + rude + "/hide", Map.of("reason", "off topic")).statusCode(200);
        mia.get("/api/search?q=porcupine").body("results.postId", not(org.hamcrest.Matchers.hasItem((int) rude)));
        mia.get("/api/search?q=").statusCode(400).body("error", equalTo("invalid_input"));
    }

    @Test
    void searchFollowsEditsAndATopicMovedOutOfSightIsNoLongerFound() { // R2: only readable categories
        long topic = mia.createTopicId("general", "Quokka outing", "Bring a flask of tea");
        long post = firstPostId(mia, topic);
        mia.edit(post, "Bring a thermos of cocoa").statusCode(200);
        mia.get("/api/search?q=flask").body("results.postId", not(org.hamcrest.Matchers.hasItem((int) post)));
        mia.get("/api/search?q=thermos").body("results.postId", org.hamcrest.Matchers.hasItem((int) post));
        // a move done in the database (an operator's fix) reaches the search table too
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "UPDATE topics SET category_id = (SELECT id FROM categories WHERE slug = 'helpliners') WHERE id = ?1")
                .setParameter(1, topic).executeUpdate());
        mia.get("/api/search?q=quokka").statusCode(200).body("results.topicId", not(org.hamcrest.Matchers.hasItem((int) topic)));
        mia.get("/api/search?q=thermos").body("results.topicId", not(org.hamcrest.Matchers.hasItem((int) topic)));
        helen.get("/api/search?q=quokka").body("results.topicId", org.hamcrest.Matchers.hasItem((int) topic));
    }

    private long firstPostId(ForumApiClient client, long topic) {
        return client.topic(topic).extract().jsonPath().getLong("posts[0].id");
    }

    private long topicCount() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM topics").getSingleResult()).longValue());
    }

    /** Every text column of the topic and its posts, read raw from the database. */
    private String rawColumns(long topicId) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                SELECT t.title || ' ' || string_agg(p.body || ' ' || p.html || ' ' || p.search_vector::text, ' ')
                FROM topics t JOIN posts p ON p.topic_id = t.id WHERE t.id = ?1 GROUP BY t.title""")
                .setParameter(1, topicId).getSingleResult().toString());
    }
}
