package org.stepcalls.forum.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.stepcalls.forum.api.ReadingStateTest.joined;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.FreshLetters;
import org.stepcalls.calls.api.CallFixtures;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Drafts, deleting your own post and reading a post's revisions, through the JSON API. */
@QuarkusTest
class WritingTest {

    @Inject
    EntityManager entityManager;

    private static String unique(String name) {
        return name + "-" + FreshLetters.of(6);
    }

    @Test
    void aDraftIsRedactedBeforeItIsStoredAndPostingDeletesIt() { // R16
        ForumApiClient mia = joined(TestUsers.member(unique("mia")));
        long topic = mia.createTopicId("general", "Drafts", "First.");
        String key = "topic-" + topic;
        mia.put("/api/drafts/" + key, Map.of("body", "Half written, ring me on 07700 900417")).statusCode(200)
                .body("body", equalTo("Half written, ring me on [number removed]"));
        mia.get("/api/drafts/" + key).statusCode(200).body("body", equalTo("Half written, ring me on [number removed]"));
        assertThat(sql("SELECT string_agg(body, '|') FROM drafts")).doesNotContain("900417");

        mia.reply(topic, "Finished.").statusCode(201);
        mia.get("/api/drafts/" + key).statusCode(404);
    }

    @Test
    void aNewTopicDraftIsKeptPerCategoryWithItsTitle() {
        ForumApiClient mia = joined(TestUsers.member(unique("mia")));
        mia.put("/api/drafts/new-topic-general", Map.of("title", "Car share 07700 900418", "body", "Who drives?"))
                .statusCode(200).body("title", equalTo("Car share [number removed]"));
        mia.get("/api/drafts/new-topic-general").statusCode(200).body("body", equalTo("Who drives?"));
        mia.createTopicId("general", "Car share", "Who drives?");
        mia.get("/api/drafts/new-topic-general").statusCode(404);
        mia.put("/api/drafts/new-topic-general", Map.of("body", "Again")).statusCode(200);
        mia.delete("/api/drafts/new-topic-general").statusCode(204);
        mia.get("/api/drafts/new-topic-general").statusCode(404);
    }

    @Test
    void draftsGoOnlyWhereYouMayWriteAndNeverOnTheCallsBoard() { // R16
        ForumApiClient member = joined(TestUsers.member(unique("mo")));
        ForumApiClient helpliner = joined(TestUsers.helpliner(unique("hana")));
        long helpTopic = helpliner.createTopicId("helpliners", "Helpliners only", "First.");
        member.put("/api/drafts/topic-" + helpTopic, Map.of("body", "x")).statusCode(404);
        member.put("/api/drafts/new-topic-announcements", Map.of("body", "x")).statusCode(403);
        member.put("/api/drafts/something-else", Map.of("body", "x")).statusCode(400);

        long area = ListFixtures.area(ListFixtures.origin(), 0);
        long call = helpliner.post("/api/calls", CallFixtures.intake(area)).statusCode(201).extract().jsonPath()
                .getLong("topicId");
        helpliner.put("/api/drafts/topic-" + call, Map.of("body", "Caller sounded")).statusCode(409)
                .body("error", equalTo("no_drafts_here"));
        new ForumApiClient(TestUsers.coordinator(unique("cora"))).put("/api/drafts/new-topic-12th-step-calls",
                Map.of("body", "x")).statusCode(409).body("error", equalTo("no_drafts_here"));
    }

    @Test
    void anAuthorDeletesTheirReplyAndItsRevisionsAreErased() {
        ForumApiClient mia = joined(TestUsers.member(unique("mia")));
        ForumApiClient tom = joined(TestUsers.member(unique("tom")));
        long topic = mia.createTopicId("general", "Deleting", "First.");
        long reply = tom.reply(topic, "Draft one about the zanzibarquokka").statusCode(201).extract().jsonPath().getLong("id");
        tom.edit(reply, "Draft two about the zanzibarquokka").statusCode(200);
        tom.edit(reply, "Draft three").statusCode(200);
        assertThat(sql("SELECT count(*)::text FROM post_revisions WHERE post_id = " + reply)).isEqualTo("2");

        mia.delete("/api/posts/" + reply).statusCode(403);
        new ForumApiClient(TestUsers.coordinator(unique("carl"))).delete("/api/posts/" + reply).statusCode(403);
        tom.delete("/api/posts/" + reply).statusCode(204);

        assertThat(sql("SELECT count(*)::text FROM post_revisions WHERE post_id = " + reply)).isEqualTo("0");
        assertThat(sql("SELECT body || html FROM posts WHERE id = " + reply)).isEmpty();
        mia.topic(topic).body("posts", hasSize(2)).body("posts[1].deleted", equalTo(true)).body("posts[1].body", equalTo(""))
                .body("posts[1].number", equalTo(2));
        mia.get("/api/search?q=zanzibarquokka").statusCode(200).body("results", hasSize(0));
        tom.edit(reply, "Back again").statusCode(409).body("error", equalTo("post_deleted"));
        tom.delete("/api/posts/" + reply).statusCode(204);
    }

    @Test
    void aTopicsFirstPostAndACallsRecordsAreNotDeleted() { // R12
        ForumApiClient mia = joined(TestUsers.member(unique("mia")));
        long topic = mia.createTopicId("general", "First post stays", "First.");
        long first = mia.topic(topic).extract().jsonPath().getLong("posts[0].id");
        mia.delete("/api/posts/" + first).statusCode(409).body("error", equalTo("first_post"));

        ForumApiClient helpliner = joined(TestUsers.helpliner(unique("hana")));
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        long call = helpliner.post("/api/calls", CallFixtures.intake(area)).statusCode(201).extract().jsonPath()
                .getLong("topicId");
        long intake = helpliner.topic(call).extract().jsonPath().getLong("posts[0].id");
        helpliner.delete("/api/posts/" + intake).statusCode(409).body("error", equalTo("record_post"));
        joined(TestUsers.member(unique("mo"))).delete("/api/posts/" + intake).statusCode(404);
    }

    @Test
    void readersSeeWhoEditedAPostAndWhen() {
        String name = unique("mia");
        ForumApiClient mia = joined(TestUsers.member(name));
        long topic = mia.createTopicId("general", "Revisions", "First version, ring 07700 900419");
        long post = mia.topic(topic).extract().jsonPath().getLong("posts[0].id");
        mia.edit(post, "Version two").statusCode(200);
        ForumApiClient reader = joined(TestUsers.member(unique("rea")));
        List<Map<String, Object>> revisions = reader.get("/api/posts/" + post + "/revisions").statusCode(200).extract()
                .jsonPath().getList("");
        assertThat(revisions).hasSize(1);
        assertThat(revisions.get(0)).containsEntry("body", "First version, ring [number removed]")
                .containsKey("replacedAt").containsEntry("editorName", name);

        ForumApiClient helpliner = joined(TestUsers.helpliner(unique("hana")));
        long helpTopic = helpliner.createTopicId("helpliners", "Helpliners' revisions", "One");
        long helpPost = helpliner.topic(helpTopic).extract().jsonPath().getLong("posts[0].id");
        helpliner.edit(helpPost, "Two").statusCode(200);
        reader.get("/api/posts/" + helpPost + "/revisions").statusCode(404);
    }

    @Test
    void thePreviewShowsWhatWouldBeStoredAndStoresNothing() { // R16
        ForumApiClient mia = joined(TestUsers.member(unique("mia")));
        mia.post("/api/preview", Map.of("body", "**Soon**, ring 07700 900423")).statusCode(200)
                .body("body", equalTo("**Soon**, ring [number removed]"))
                .body("html", org.hamcrest.Matchers.containsString("<strong>Soon</strong>, ring [number removed]"))
                .body("redactions", equalTo(1));
        mia.post("/api/preview", Map.of("body", " ")).statusCode(400);
        assertThat(sql("SELECT count(*)::text FROM posts WHERE body LIKE '%Soon**, ring%'")).isEqualTo("0");
    }

    @Test
    void erasingYourAccountTakesYourDraftsAndReadingStateWithIt() {
        ForumApiClient mia = joined(TestUsers.member(unique("mia")));
        long topic = mia.createTopicId("general", "Erased with me", "First.");
        mia.put("/api/drafts/topic-" + topic, Map.of("body", "Unfinished")).statusCode(200);
        mia.put("/api/categories/general/notification-level", Map.of("level", "watching")).statusCode(200);
        String account = sql("SELECT author_id::text FROM posts p WHERE p.topic_id = " + topic);
        mia.delete("/api/me").statusCode(204);
        for (String table : List.of("drafts", "topic_users", "category_users")) {
            assertThat(sql("SELECT count(*)::text FROM " + table + " WHERE account_id = " + account)).as(table).isEqualTo("0");
        }
    }

    private String sql(String query) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object value = entityManager.createNativeQuery(query).getSingleResult();
            return value == null ? "" : value.toString();
        });
    }
}
