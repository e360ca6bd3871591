package org.stepcalls.forum.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.FreshLetters;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Per person and topic, the last post read: unread counts, "new", opening at the first unread, mark all read. */
@QuarkusTest
class ReadingStateTest {

    @Inject
    EntityManager entityManager;

    private static String unique(String name) {
        return name + "-" + FreshLetters.of(6);
    }

    /** Someone signing in for the first time: their account (and joining date) is made now. */
    static ForumApiClient joined(String token) {
        ForumApiClient client = new ForumApiClient(token);
        client.get("/api/categories").statusCode(200);
        return client;
    }

    static Map<String, Object> listed(ForumApiClient reader, String category, long topicId) {
        List<Map<String, Object>> topics = reader.get("/api/topics?category=" + category).statusCode(200).extract()
                .jsonPath().getList("topics");
        return topics.stream().filter(t -> ((Number) t.get("id")).longValue() == topicId).findFirst()
                .orElseThrow(() -> new AssertionError("topic " + topicId + " not in the first page"));
    }

    @Test
    void unreadCountsMoveAsPostsAreCreatedAndRead() {
        ForumApiClient mia = joined(TestUsers.member(unique("mia")));
        ForumApiClient tom = joined(TestUsers.member(unique("tom")));
        long topic = mia.createTopicId("general", "Kettle rota for December", "Who can do Tuesdays?");
        assertThat(listed(mia, "general", topic)).containsEntry("unread", 0).containsEntry("isNew", false)
                .containsEntry("lastReadPostNumber", 1).containsEntry("notificationLevel", "tracking");

        tom.reply(topic, "I can do the first two.").statusCode(201);
        tom.reply(topic, "And the last one, if nobody else can.").statusCode(201);
        assertThat(listed(mia, "general", topic)).containsEntry("unread", 2);
        assertThat(listed(tom, "general", topic)).containsEntry("unread", 0).containsEntry("notificationLevel", "tracking");

        mia.topic(topic).statusCode(200).body("lastReadPostNumber", equalTo(1)); // where she had read up to
        assertThat(listed(mia, "general", topic)).containsEntry("unread", 0).containsEntry("lastReadPostNumber", 3);
        mia.topic(topic).body("lastReadPostNumber", equalTo(3));
    }

    @Test
    void aTopicNeverOpenedAndCreatedSinceYouJoinedIsNewUntilOpened() {
        ForumApiClient mia = joined(TestUsers.member(unique("mia")));
        long before = mia.createTopicId("general", "From before Nora joined", "Old news.");
        ForumApiClient nora = joined(TestUsers.member(unique("nora")));
        long after = mia.createTopicId("general", "Welcome to the new members", "Say hello.");

        assertThat(listed(nora, "general", before)).containsEntry("isNew", false).containsEntry("unread", 0);
        assertThat(listed(nora, "general", after)).containsEntry("isNew", true).containsEntry("lastReadPostNumber", null);
        nora.topic(after).statusCode(200).body("lastReadPostNumber", equalTo(0)).body("notificationLevel", equalTo("normal"));
        // read, and only tracked topics count unread posts (Discourse): a normal topic shows nothing more
        mia.reply(after, "Hello Nora.").statusCode(201);
        assertThat(listed(nora, "general", after)).containsEntry("isNew", false).containsEntry("unread", 0)
                .containsEntry("lastReadPostNumber", 1);
    }

    @Test
    void aMutedCategoryLeavesItsTopicsOutOfNew() {
        ForumApiClient mia = joined(TestUsers.member(unique("mia")));
        ForumApiClient ola = joined(TestUsers.member(unique("ola")));
        ola.put("/api/categories/general/notification-level", Map.of("level", "muted")).statusCode(200);
        long topic = mia.createTopicId("general", "Something Ola does not follow", "Text.");
        assertThat(listed(ola, "general", topic)).containsEntry("isNew", false).containsEntry("notificationLevel", "muted");
        ola.put("/api/categories/general/notification-level", Map.of("level", "normal")).statusCode(200);
        assertThat(listed(ola, "general", topic)).containsEntry("isNew", true);
    }

    @Test
    void markAllReadClearsNewAndUnreadInThatCategoryOnly() {
        ForumApiClient mia = joined(TestUsers.member(unique("mia")));
        ForumApiClient tom = joined(TestUsers.member(unique("tom")));
        long tracked = tom.createTopicId("general", "Tom's question", "Anyone?");
        long fresh = mia.createTopicId("general", "Mia's news", "News.");
        long announcement = new ForumApiClient(TestUsers.coordinator(unique("carl"))).createTopicId("announcements",
                "Rota changes", "See the board.");
        mia.reply(tracked, "Me.").statusCode(201);
        assertThat(listed(tom, "general", tracked)).containsEntry("unread", 1);
        assertThat(listed(tom, "general", fresh)).containsEntry("isNew", true);

        int marked = tom.post("/api/categories/general/read", null).statusCode(200).extract().jsonPath().getInt("topics");
        assertThat(marked).isGreaterThanOrEqualTo(2);
        assertThat(listed(tom, "general", tracked)).containsEntry("unread", 0);
        assertThat(listed(tom, "general", fresh)).containsEntry("isNew", false);
        assertThat(listed(tom, "announcements", announcement)).containsEntry("isNew", true);
    }

    @Test
    void aCategoryYouCannotReadCannotBeMarkedOrWatched() {
        ForumApiClient member = joined(TestUsers.member(unique("mo")));
        member.post("/api/categories/helpliners/read", null).statusCode(404);
        member.post("/api/categories/12th-step-calls/read", null).statusCode(404);
        member.put("/api/categories/12th-step-calls/notification-level", Map.of("level", "watching")).statusCode(404);
        ForumApiClient helpliner = joined(TestUsers.helpliner(unique("hal")));
        helpliner.post("/api/categories/12th-step-calls/read", null).statusCode(200);
        helpliner.put("/api/categories/general/notification-level", Map.of("level", "loud")).statusCode(400)
                .body("error", equalTo("invalid_input"));
    }

    @Test
    void aViewIsWrittenForOtherInstancesWithinAMomentWithoutAnyListAskingForIt() throws InterruptedException {
        ForumApiClient mia = joined(TestUsers.member(unique("mia")));
        ForumApiClient tom = joined(TestUsers.member(unique("tom")));
        long topic = mia.createTopicId("general", "Read elsewhere", "First.");
        mia.reply(topic, "Second.").statusCode(201); // Mia's own post moves her row at once: one row read to 2
        tom.topic(topic).statusCode(200).body("lastReadPostNumber", equalTo(0));
        String readToTheEnd = "SELECT count(*) FROM topic_users WHERE topic_id = ?1 AND last_read_post_number = 2";
        // Tom's row is written by the app's own writer, not by his request: polled, as a slow machine's moment may be long
        for (int tries = 0; tries < 100 && count(readToTheEnd, topic) < 2; tries++) {
            Thread.sleep(100);
        }
        assertThat(count(readToTheEnd, topic)).isEqualTo(2);
        tom.topic(topic).statusCode(200).body("lastReadPostNumber", equalTo(2));
    }

    private long count(String query, long topic) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(query)
                .setParameter(1, topic).getSingleResult()).longValue());
    }

    @Test
    void readingStateIsOneRowPerPersonAndTopic() {
        ForumApiClient mia = joined(TestUsers.member(unique("mia")));
        long topic = mia.createTopicId("general", "One row", "Text.");
        mia.topic(topic);
        mia.reply(topic, "More.");
        mia.topic(topic);
        Number rows = QuarkusTransaction.requiringNew().call(() -> (Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM topic_users WHERE topic_id = ?1").setParameter(1, topic).getSingleResult());
        assertThat(rows.intValue()).isEqualTo(1);
    }

    @Test
    void aVisitThatReadsNothingNewWritesNothing() {
        ForumApiClient mia = joined(TestUsers.member(unique("mia")));
        long topic = mia.createTopicId("general", "Read again", "Text.");
        mia.topic(topic).statusCode(200);
        String version = rowVersion(topic);
        mia.topic(topic).statusCode(200).body("lastReadPostNumber", equalTo(1));
        assertThat(rowVersion(topic)).as("the same row version: nothing rewritten").isEqualTo(version);
        mia.reply(topic, "More.");
        mia.topic(topic).statusCode(200);
        assertThat(rowVersion(topic)).isNotEqualTo(version);
    }

    /** The transaction that last wrote the reading row ({@code xmin}). */
    private String rowVersion(long topic) {
        return QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                "SELECT xmin::text FROM topic_users WHERE topic_id = ?1").setParameter(1, topic).getSingleResult());
    }
}
