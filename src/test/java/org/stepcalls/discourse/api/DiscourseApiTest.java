package org.stepcalls.discourse.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stepcalls.FreshLetters;
import org.stepcalls.calls.api.CallFixtures;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Discourse's routes and shapes, signed with API keys; permissions exactly as the forum's. */
@QuarkusTest
class DiscourseApiTest {

    /** Usernames of this run, so other classes' accounts never collide with these. */
    private static final String RUN = FreshLetters.of(6);
    private static final String MIA = "mia" + RUN;
    private static final String HELEN = "helen" + RUN;
    private static final String ALICE = "alice" + RUN;

    private final ForumApiClient mia = new ForumApiClient(TestUsers.member(MIA));
    private final ForumApiClient helen = new ForumApiClient(TestUsers.helpliner(HELEN));
    private final ForumApiClient alice = new ForumApiClient(TestUsers.admin(ALICE));

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void signIn() {
        // the first request makes each account and its username
        List.of(mia, helen, alice).forEach(client -> client.get("/api/categories").statusCode(200));
    }

    private String key(String description, String username) {
        return alice.post("/api/admin/api-keys", username == null ? Map.of("description", description)
                : Map.of("description", description, "username", username)).statusCode(201).extract().path("key");
    }

    private static RequestSpecification as(String key, String username) {
        RequestSpecification request = given().header("Api-Key", key).redirects().follow(false);
        return username == null ? request : request.header("Api-Username", username);
    }

    @Test
    void aKeyIsShownOnceAndKeptOnlyAsItsHash() {
        JsonPath created = alice.post("/api/admin/api-keys", Map.of("description", "Feed reader for " + MIA, "username", MIA))
                .statusCode(201).extract().jsonPath();
        String key = created.getString("key");
        assertThat(key).matches("[0-9a-f]{64}");
        long id = created.getLong("id");
        String stored = QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("SELECT row_to_json(k)::text FROM api_keys k WHERE id = ?1").setParameter(1, id)
                .getSingleResult());
        assertThat(stored).doesNotContain(key).doesNotContain(key.substring(4));
        String listed = alice.get("/api/admin/api-keys").statusCode(200).extract().asString();
        assertThat(listed).contains("Feed reader for " + MIA).contains(key.substring(0, 4)).doesNotContain(key);
        mia.post("/api/admin/api-keys", Map.of("description", "mine")).statusCode(403);
        mia.get("/api/admin/api-keys").statusCode(403);
    }

    @Test
    void aKeyForOneUserActsOnlyAsThatUser() {
        String key = key("Mia's script", MIA);
        Response latest = as(key, MIA).get("/latest.json");
        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(latest.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        as(key, null).get("/session/current.json").then().statusCode(200).body("current_user.username", equalTo(MIA));
        as(key, null).get("/api/categories").then().statusCode(200); // the contract's own API takes keys too
        as(key, HELEN).get("/latest.json").then().statusCode(403).body("error_type", equalTo("invalid_access"))
                .body("errors[0]", notNullValue());
    }

    @Test
    void aKeyForAllUsersActsAsTheNamedUserAndNeedsOne() {
        String key = key("Bot for everyone", null);
        as(key, HELEN).get("/session/current.json").then().statusCode(200).body("current_user.username", equalTo(HELEN));
        as(key, MIA).get("/session/current.json").then().statusCode(200).body("current_user.username", equalTo(MIA));
        as(key, null).get("/latest.json").then().statusCode(403).body("error_type", equalTo("invalid_access"));
        as(key, "nobody" + RUN).get("/latest.json").then().statusCode(403);
    }

    @Test
    void revokedAndUnknownKeysAreRefused() {
        String key = key("Short-lived", MIA);
        as(key, MIA).get("/latest.json").then().statusCode(200);
        long id = alice.get("/api/admin/api-keys").extract().jsonPath()
                .getLong("find { it.description == 'Short-lived' && it.revokedAt == null }.id");
        alice.delete("/api/admin/api-keys/" + id).statusCode(200);
        as(key, MIA).get("/latest.json").then().statusCode(403).body("error_type", equalTo("invalid_access"));
        alice.delete("/api/admin/api-keys/" + id).statusCode(409);
        as("0".repeat(64), MIA).get("/latest.json").then().statusCode(403);
        as("0".repeat(64), MIA).get("/api/categories").then().statusCode(401); // the contract's own answer on /api
    }

    @Test
    void withoutAKeyProgramsGetA403NeverARedirect() {
        for (String path : List.of("/latest.json", "/t/1.json", "/c/general/2.json", "/categories.json", "/latest.rss")) {
            given().redirects().follow(false).get(path).then().statusCode(403).body("error_type", equalTo("not_logged_in"));
        }
        given().get("/site/basic-info.json").then().statusCode(200).body("login_required", equalTo(true));
        given().redirects().follow(false).get("/t/1").then().statusCode(302); // the page still sends people to sign in
    }

    @Test
    void latestTopicAndPostsHaveDiscoursesShape() {
        String key = key("Shapes", null);
        long topicId = mia.createTopicId("general", "Keys and shapes " + RUN, "First post with **bold** words.");
        long replyId = helen.reply(topicId, "A reply from helen.").statusCode(201).extract().jsonPath().getLong("id");

        JsonPath latest = as(key, MIA).get("/latest.json").then().statusCode(200).extract().jsonPath();
        Map<String, Object> topic = latest.getMap("topic_list.topics.find { it.id == " + topicId + " }");
        assertThat(topic).containsEntry("title", "Keys and shapes " + RUN).containsEntry("posts_count", 2)
                .containsEntry("slug", "keys-and-shapes-" + RUN).containsKeys("last_posted_at", "category_id",
                        "created_at", "last_poster_username", "posters");
        assertThat(latest.getList("users.username")).contains(MIA, HELEN);

        JsonPath byId = as(key, MIA).get("/t/" + topicId + ".json").then().statusCode(200).extract().jsonPath();
        assertThat(byId.getList("post_stream.stream", Long.class)).hasSize(2).contains(replyId);
        assertThat(byId.getString("post_stream.posts[0].username")).isEqualTo(MIA);
        assertThat(byId.getString("post_stream.posts[0].cooked")).contains("<strong>bold</strong>");
        assertThat(byId.getInt("post_stream.posts[1].post_number")).isEqualTo(2);
        assertThat(byId.getLong("post_stream.posts[1].topic_id")).isEqualTo(topicId);
        assertThat(byId.getString("post_stream.posts[0].created_at")).isNotBlank();
        assertThat(byId.getString("post_stream.posts[0].raw")).isNull();
        assertThat(byId.getInt("chunk_size")).isEqualTo(20);
        as(key, MIA).get("/t/" + topicId + ".json?include_raw=true").then()
                .body("post_stream.posts[0].raw", equalTo("First post with **bold** words."));
        as(key, MIA).get("/t/an-old-slug/" + topicId + ".json").then().statusCode(200).body("id", equalTo((int) topicId));
        as(key, MIA).get("/t/" + topicId + "/posts.json?post_ids[]=" + replyId).then().statusCode(200)
                .body("post_stream.posts.id", equalTo(List.of((int) replyId)));
        as(key, MIA).get("/posts/" + replyId + ".json").then().statusCode(200).body("raw", equalTo("A reply from helen."))
                .body("username", equalTo(HELEN)).body("topic_id", equalTo((int) topicId)).body("yours", equalTo(false));
        as(key, MIA).get("/t/999999999.json").then().statusCode(404).body("error_type", equalTo("not_found"));
    }

    @Test
    void searchGivesItsBlurbAndTitlesAsHtmlTextWhichClientsShowAsHtml() {
        // Discourse's own client renders blurb and fancy_title as HTML: markup typed in a post is text there
        String key = key("Search markup", null);
        String word = "quillwort" + RUN.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
        mia.createTopicId("general", "<b>Bold</b> " + word + " notes", "See <img src=x onerror=alert(1)> the " + word + " list.");
        JsonPath found = as(key, MIA).get("/search.json?q=" + word).then().statusCode(200).extract().jsonPath();
        assertThat(found.getString("posts[0].blurb")).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img");
        assertThat(found.getString("posts[0].topic_title_headline")).startsWith("&lt;b&gt;Bold&lt;/b&gt;");
        assertThat(found.getString("topics[0].fancy_title")).startsWith("&lt;b&gt;Bold&lt;/b&gt;");
    }

    @Test
    void categoriesSiteAboutSearchAndNotificationsAnswer() {
        String key = key("Everything else", null);
        long topicId = mia.createTopicId("general", "Zephyrine picnic " + RUN, "Bring zephyrine sandwiches.");
        JsonPath categories = as(key, MIA).get("/categories.json").then().statusCode(200).extract().jsonPath();
        List<String> slugs = categories.getList("category_list.categories.slug");
        assertThat(slugs).contains("general", "announcements");
        int general = categories.getInt("category_list.categories.find { it.slug == 'general' }.id");
        as(key, MIA).get("/c/general/" + general + ".json").then().statusCode(200)
                .body("topic_list.topics.id", hasItem((int) topicId));
        as(key, MIA).get("/c/some-old-name/" + general + ".json").then().statusCode(200);
        as(key, MIA).get("/c/" + general + "/show.json").then().statusCode(200).body("category.slug", equalTo("general"));
        as(key, MIA).get("/site.json").then().statusCode(200).body("categories.slug", hasItem("general"));
        as(key, MIA).get("/about.json").then().statusCode(200).body("about.title", equalTo("Stepcalls"));
        as(key, MIA).get("/search.json?q=zephyrine").then().statusCode(200).body("topics.id", hasItem((int) topicId))
                .body("grouped_search_result.term", equalTo("zephyrine"));
        as(key, MIA).get("/search.json?term=zephyrine").then().statusCode(200).body("posts.topic_id", hasItem((int) topicId));
        as(key, MIA).get("/notifications.json").then().statusCode(200).body("notifications", notNullValue());
    }

    @Test
    void createReplyAndEditThroughJsonAndFormsRedactedAsEverywhere() { // R16
        String key = key("Writer", MIA);
        int general = as(key, MIA).get("/categories.json").then().extract().jsonPath()
                .getInt("category_list.categories.find { it.slug == 'general' }.id");
        JsonPath created = as(key, MIA).contentType(ContentType.JSON)
                .body(Map.of("title", "Written by a client " + RUN, "raw", "Ring me on 07700 900123 tonight", "category", general))
                .post("/posts.json").then().statusCode(200).extract().jsonPath();
        long topicId = created.getLong("topic_id");
        assertThat(created.getInt("post_number")).isEqualTo(1);
        assertThat(created.getString("raw")).doesNotContain("900123").contains("[number removed]");
        assertThat(created.getString("cooked")).doesNotContain("900123");

        long replyId = as(key, MIA).contentType(ContentType.URLENC).formParam("topic_id", topicId)
                .formParam("raw", "A form reply").post("/posts").then().statusCode(200)
                .body("post_number", equalTo(2)).extract().jsonPath().getLong("id");

        as(key, MIA).contentType(ContentType.JSON).body(Map.of("post", Map.of("raw", "Edited by JSON", "edit_reason", "typo")))
                .put("/posts/" + replyId + ".json").then().statusCode(200).body("post.raw", equalTo("Edited by JSON"));
        as(key, MIA).contentType(ContentType.URLENC).formParam("post[raw]", "Edited by form")
                .put("/posts/" + replyId + ".json").then().statusCode(200).body("post.raw", equalTo("Edited by form"));
        as(key, MIA).get("/posts/" + replyId + ".json").then().body("raw", equalTo("Edited by form"));

        // a form without a key is a browser's: the CSRF check still applies
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("topic_id", topicId)
                .formParam("raw", "forged").post("/posts").then().statusCode(not(equalTo(200)));
        // helen may not edit mia's post
        String helenKey = key("Helen's", HELEN);
        as(helenKey, HELEN).contentType(ContentType.JSON).body(Map.of("post", Map.of("raw", "not hers")))
                .put("/posts/" + replyId + ".json").then().statusCode(403).body("error_type", equalTo("invalid_access"));
        as(key, MIA).contentType(ContentType.JSON).body(Map.of("title", "", "raw", "x")).post("/posts.json").then()
                .statusCode(422).body("errors[0]", notNullValue());
    }

    @Test
    void aPrivateMessageIsRefusedNeverPublishedAsATopic() { // R16
        String key = key("Messenger", HELEN);
        String title = "Follow-up for carl " + RUN;
        as(key, HELEN).contentType(ContentType.JSON)
                .body(Map.of("title", title, "raw", "About last night's call", "archetype", "private_message",
                        "target_recipients", MIA))
                .post("/posts.json").then().statusCode(422).body("error_type", equalTo("private_messages_unsupported"))
                .body("errors[0]", containsString("no private messages"));
        as(key, HELEN).contentType(ContentType.URLENC).formParam("title", title).formParam("raw", "About last night's call")
                .formParam("target_usernames", MIA).post("/posts.json").then().statusCode(422);
        as(key, HELEN).contentType(ContentType.URLENC).formParam("title", title).formParam("raw", "About last night's call")
                .formParam("target_recipients[]", MIA).post("/posts.json").then().statusCode(422);
        String latest = as(key("Reader", MIA), MIA).get("/latest.json").then().statusCode(200).extract().asString();
        assertThat(latest).doesNotContain(title);
        // an explicit regular archetype is an ordinary topic
        as(key, HELEN).contentType(ContentType.JSON)
                .body(Map.of("title", "Regular " + RUN, "raw", "An ordinary topic", "archetype", "regular"))
                .post("/posts.json").then().statusCode(200);
    }

    @Test
    void anApiKeyNeverOpensACallersDetailsWhoeverItActsAs() { // R16
        long areaId = helen.get("/api/areas").extract().jsonPath().getLong("[0].id");
        long call = helen.post("/api/calls", CallFixtures.intake(areaId, "Leocadia", "07700 900561")).statusCode(201)
                .extract().jsonPath().getLong("topicId");
        helen.get("/api/calls/" + call).statusCode(200).body("caller.firstName", equalTo("Leocadia"));

        // an admin's key for every user, naming the opener; and a key bound to the opener herself
        for (String key : List.of(key("Sync for everyone", null), key("Helen's own", HELEN))) {
            String seen = as(key, HELEN).get("/api/calls/" + call).then().statusCode(200).extract().asString();
            assertThat(seen).doesNotContain("Leocadia").doesNotContain("900561");
            as(key, HELEN).contentType(ContentType.JSON).post("/api/calls/" + call + "/caller-phone").then().statusCode(403);
            String page = as(key, HELEN).get("/calls/" + call).then().statusCode(200).extract().asString();
            assertThat(page).doesNotContain("Leocadia").doesNotContain("900561").doesNotContain("/caller-phone")
                    .contains("An API key never opens a caller's details: sign in to the forum to see them.");
        }
    }

    @Test
    void aKeyNeverReachesTheListItsNumbersOrAMembersOwnData() { // R16
        long areaId = ListFixtures.area(ListFixtures.origin(), 0);
        Map<String, Object> volunteer = ListFixtures.volunteer("Philippa", "female", areaId);
        ListFixtures.addId(volunteer);
        String digits = ((String) volunteer.get("phone")).replace(" ", "").substring(5);
        long call = helen.post("/api/calls", CallFixtures.intake(areaId, "Ottoline", "07700 900562")).statusCode(201)
                .extract().jsonPath().getLong("topicId");
        // signed in, the opener sees whom to ring: what the keys below must not reach
        assertThat(helen.get("/api/calls/" + call + "/contacts").statusCode(200).extract().asString().replace(" ", ""))
                .contains(digits);

        // an admin's key for every user naming the opener, and a key bound to her: the admin has seen both
        for (String key : List.of(key("Sync for everyone " + RUN, null), key("Helen's own " + RUN, HELEN))) {
            for (String path : List.of("/api/volunteers", "/api/volunteers/me", "/api/contacts?areaId=" + areaId + "&sex=female",
                    "/api/meetings", "/api/tasks", "/api/calls/" + call + "/contacts", "/api/me/data")) {
                as(key, HELEN).get(path).then().statusCode(403).body("error", equalTo("api_key_not_allowed"));
            }
            as(key, HELEN).delete("/api/me").then().statusCode(403).body("error", equalTo("api_key_not_allowed"));
            as(key, HELEN).contentType(ContentType.JSON).body(volunteer).post("/api/volunteers").then().statusCode(403);
            for (String page : List.of("/volunteers", "/contacts", "/meetings", "/tasks", "/me/data")) {
                as(key, HELEN).get(page).then().statusCode(403);
            }
            String callPage = as(key, HELEN).get("/calls/" + call).then().statusCode(200).extract().asString();
            assertThat(callPage.replace(" ", "")).doesNotContain(digits);
            assertThat(callPage).doesNotContain("Philippa").contains("An API key never reaches the volunteers&#39; list")
                    .doesNotContain("No eligible contact nearby");
        }
        // the refused erasure erased nothing
        helen.get("/api/me/data").statusCode(200);
    }

    @Test
    void aKeyNeverWritesOnTheCallsBoardNorChangesWhoAMemberIs() { // R15, R16
        long areaId = helen.get("/api/areas").extract().jsonPath().getLong("[0].id");
        long call = helen.post("/api/calls", CallFixtures.intake(areaId)).statusCode(201).extract().jsonPath().getLong("topicId");
        String key = key("Sync for everyone " + RUN, null);
        Map<String, Object> attempt = Map.of("contactType", "group", "result", "no_answer");
        for (String path : List.of("/api/calls/" + call + "/attempts", "/api/calls/" + call + "/close", "/api/calls/" + call
                + "/callbacks", "/api/calls/" + call + "/nudge")) {
            as(key, HELEN).contentType(ContentType.JSON).body(attempt).post(path).then().statusCode(403)
                    .body("error", equalTo("api_key_not_allowed"));
        }
        as(key, HELEN).contentType(ContentType.JSON).body(CallFixtures.intake(areaId)).post("/api/calls").then().statusCode(403);
        as(key, HELEN).contentType(ContentType.JSON).body(Map.of("topic_id", call, "raw", "Advice from a script " + RUN))
                .post("/posts.json").then().statusCode(422);
        helen.get("/api/calls/" + call).statusCode(200).body("closedAt", org.hamcrest.Matchers.nullValue())
                .body("attempts", equalTo(List.of()));
        assertThat(helen.get("/api/topics/" + call).extract().asString()).doesNotContain("Advice from a script");

        // a member's settings, name and e-mail address stay theirs; new keys come from an admin signed in
        as(key, MIA).get("/me/notifications").then().statusCode(403);
        as(key, MIA).contentType(ContentType.JSON).body(Map.of("replies", false)).put("/api/me/notification-settings").then()
                .statusCode(403).body("error", equalTo("api_key_not_allowed"));
        as(key, MIA).contentType(ContentType.JSON).body(Map.of("username", "taken" + RUN)).put("/api/me/username").then()
                .statusCode(403);
        as(key, ALICE).contentType(ContentType.JSON).body(Map.of("description", "A key from a key " + RUN))
                .post("/api/admin/api-keys").then().statusCode(403);
        assertThat(alice.get("/api/admin/api-keys").extract().asString()).doesNotContain("A key from a key " + RUN);
        mia.get("/api/me/notification-settings").statusCode(200).body("replies", equalTo(true));

        // nor through a page's form, with the page's own CSRF token
        Response profile = as(key, MIA).get("/u/" + MIA);
        String csrf = org.jsoup.Jsoup.parse(profile.asString()).select("input[name=csrf-token]").val();
        as(key, MIA).cookie(org.stepcalls.forum.web.PageSession.CSRF_COOKIE, profile.getCookie(org.stepcalls.forum.web.PageSession.CSRF_COOKIE))
                .contentType(ContentType.URLENC).formParam("csrf-token", csrf).formParam("username", "renamed" + RUN)
                .post("/me/username").then().statusCode(403);
        as(key, MIA).get("/session/current.json").then().body("current_user.username", equalTo(MIA));

        // a key in the address opens feeds only: ";x.rss" is routed as the path before it
        for (String path : List.of("/api/calls;x.rss", "/api/categories;x.rss")) {
            given().urlEncodingEnabled(false).redirects().follow(false).get(path + "?api_key=" + key + "&api_username=" + HELEN)
                    .then().statusCode(not(equalTo(200)));
        }
        given().redirects().follow(false).get("/latest.rss?api_key=" + key + "&api_username=" + MIA).then().statusCode(200);
    }

    @Test
    void aKeyNeverModeratesNorSeesWhatAFlagHidNorReadsForItsPerson() throws InterruptedException { // R16
        String coordinatorName = "cora" + RUN;
        ForumApiClient cora = new ForumApiClient(TestUsers.coordinator(coordinatorName));
        cora.get("/api/categories").statusCode(200);
        String key = key("Moderation bot " + RUN, null);
        long topic = mia.createTopicId("general", "Lift share " + RUN, "Who can drive on Sunday?");
        long post = helen.reply(topic, "Ring Xenobia on her mobile, ask for Quillon " + RUN).statusCode(201).extract().jsonPath().getLong("id");
        mia.post("/api/posts/" + post + "/flags", Map.of("reason", "personal_details")).statusCode(201); // hidden at once

        as(key, coordinatorName).get("/api/review").then().statusCode(403);
        as(key, coordinatorName).contentType(ContentType.JSON).body(Map.of()).post("/api/posts/" + post + "/unhide").then()
                .statusCode(403);
        String seen = as(key, coordinatorName).get("/t/" + topic + ".json?include_raw=true").then().statusCode(200).extract().asString();
        assertThat(seen).doesNotContain("Quillon");
        assertThat(cora.get("/api/review").extract().asString()).contains("Quillon"); // signed in, the coordinator reviews it

        // a key reading as Mia leaves her notification of Helen's reply unread: reading is hers to do
        as(key, MIA).get("/t/" + topic + ".json").then().statusCode(200);
        as(key, MIA).get("/api/topics/" + topic).then().statusCode(200);
        Thread.sleep(3 * 200); // reading positions are written every 200 ms: had these been recorded, they would be by now
        assertThat(mia.get("/api/notifications").extract().jsonPath().getList("findAll { it.topicId == " + topic + " }.read"))
                .containsOnly(false);
    }

    @Test
    void anUnknownCategoryIdIsRefusedAsAnUnreadableOne() {
        String key = key("Prober", MIA);
        int helpliners = categoryId(key("Helen's ids", HELEN), "helpliners");
        String unreadable = as(key, MIA).contentType(ContentType.JSON)
                .body(Map.of("title", "Probe " + RUN, "raw", "x", "category", helpliners))
                .post("/posts.json").then().statusCode(422).extract().asString();
        String unknown = as(key, MIA).contentType(ContentType.JSON)
                .body(Map.of("title", "Probe " + RUN, "raw", "x", "category", 987654))
                .post("/posts.json").then().statusCode(422).extract().asString();
        assertThat(unknown).isEqualTo(unreadable);
    }

    @Test
    void aMembersKeyNeverReadsTheHelplinersOrTheCallsBoard() {
        String key = key("Member feed", MIA);
        long helpliners = helen.createTopicId("helpliners", "Rota swap " + RUN, "Quokkaberry shift swap please.");
        long areaId = helen.get("/api/areas").extract().jsonPath().getLong("[0].id");
        long call = helen.post("/api/calls", CallFixtures.intake(areaId, "Wilhelmina", "07700 900456")).statusCode(201)
                .extract().jsonPath().getLong("topicId");

        List<String> slugs = as(key, MIA).get("/categories.json").then().extract().jsonPath()
                .getList("category_list.categories.slug");
        assertThat(slugs).doesNotContain("helpliners", "12th-step-calls");
        String latest = as(key, MIA).get("/latest.json").then().statusCode(200).extract().asString();
        assertThat(latest).doesNotContain("Rota swap " + RUN);
        as(key, MIA).get("/t/" + helpliners + ".json").then().statusCode(404);
        as(key, MIA).get("/t/" + call + ".json").then().statusCode(404);
        as(key, MIA).get("/search.json?q=quokkaberry").then().statusCode(200).body("posts", equalTo(List.of()));
        String feed = given().get("/latest.rss?api_key=" + key + "&api_username=" + MIA).then().statusCode(200)
                .extract().asString();
        assertThat(feed).contains("<rss").doesNotContain("Rota swap " + RUN);

        // a helpliner's key reads the call as the board shows it: never the caller's name or number
        String helenKey = key("Helen's board", HELEN);
        String callJson = as(helenKey, HELEN).get("/t/" + call + ".json?include_raw=true").then().statusCode(200)
                .extract().asString();
        assertThat(callJson).doesNotContain("Wilhelmina").doesNotContain("900456").doesNotContain("Sounds shaky");
        as(helenKey, HELEN).contentType(ContentType.JSON)
                .body(Map.of("title", "Not a call " + RUN, "raw", "x", "category", categoryId(helenKey, "12th-step-calls")))
                .post("/posts.json").then().statusCode(422);
    }

    @Test
    void feedsAreRss2InDiscoursesShape() {
        String key = key("Feeds", MIA);
        long topicId = mia.createTopicId("general", "Feed me " + RUN, "A post for the feed.");
        helen.reply(topicId, "Second in the feed.").statusCode(201);
        Response latest = given().get("/latest.rss?api_key=" + key + "&api_username=" + MIA);
        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(latest.header("Content-Type")).startsWith("application/rss+xml");
        assertThat(latest.asString()).contains("<rss version=\"2.0\"", "xmlns:discourse=\"http://www.discourse.org/\"",
                "<title>Feed me " + RUN + "</title>", "<dc:creator><![CDATA[" + MIA + "]]></dc:creator>",
                "-topic-" + topicId + "</guid>", "<discourse:topicPinned>No</discourse:topicPinned>");
        String topicFeed = given().get("/t/feed-me/" + topicId + ".rss?api_key=" + key + "&api_username=" + MIA).asString();
        assertThat(topicFeed).contains("-post-" + topicId + "-1</guid>", "-post-" + topicId + "-2</guid>",
                "Second in the feed.");
        long second = mia.get("/api/topics/" + topicId).extract().jsonPath().getLong("posts[1].id");
        assertThat(topicFeed).contains("/p/" + second + "</link>"); // a post's own address finds its page of the topic
        given().get("/t/" + topicId + ".rss?api_key=" + key + "&api_username=" + MIA).then().statusCode(200);
        int general = as(key, MIA).get("/categories.json").then().extract().jsonPath()
                .getInt("category_list.categories.find { it.slug == 'general' }.id");
        assertThat(given().get("/c/general/" + general + ".rss?api_key=" + key + "&api_username=" + MIA).asString())
                .contains("Feed me " + RUN);
        // a key in the address is for feeds only
        given().redirects().follow(false).get("/latest.json?api_key=" + key + "&api_username=" + MIA).then().statusCode(403);
    }

    private int categoryId(String key, String slug) {
        Integer id = as(key, null).get("/categories.json").then().extract().jsonPath()
                .get("category_list.categories.find { it.slug == '" + slug + "' }.id");
        return id == null ? -1 : id;
    }
}
