package org.stepcalls.forum.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.stepcalls.forum.api.ReadingStateTest.joined;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stepcalls.FreshLetters;
import org.stepcalls.calls.api.CallFixtures;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.test.junit.QuarkusTest;

/** Discourse's notification levels: who hears of a new post, and nobody who may not read it. */
@QuarkusTest
class TopicWatchingTest {

    private static String unique(String name) {
        return name + "-" + FreshLetters.of(6);
    }

    private static List<Map<String, Object>> replyNotifications(ForumApiClient person, long topicId) {
        List<Map<String, Object>> all = person.get("/api/notifications").statusCode(200).extract().jsonPath().getList("");
        return all.stream().filter(n -> "reply".equals(n.get("kind")) && n.get("topicId") != null
                && ((Number) n.get("topicId")).longValue() == topicId).toList();
    }

    @Test
    void watchingATopicNotifiesOfPostsBySomeoneElseCollapsedUntilSeen() {
        ForumApiClient mia = joined(TestUsers.member(unique("mia")));
        ForumApiClient tom = joined(TestUsers.member(unique("tom")));
        long topic = mia.createTopicId("general", "Watching Tom's favourite topic", "First.");
        tom.put("/api/topics/" + topic + "/notification-level", Map.of("level", "watching")).statusCode(200);

        mia.reply(topic, "Second, from Mia.").statusCode(201);
        mia.reply(topic, "Third, from Mia.").statusCode(201);
        tom.reply(topic, "Tom's own reply tells Tom nothing.").statusCode(201);

        List<Map<String, Object>> toTom = replyNotifications(tom, topic);
        // two posts Tom has not yet seen are one notification, as Discourse collapses them
        assertThat(toTom).hasSize(1);
        assertThat(toTom.get(0).get("text")).isEqualTo("2 new posts in topic " + topic + ", which you watch.");
        // text from ids only: no title, no words anyone typed
        assertThat(toTom).extracting(n -> (String) n.get("text")).allSatisfy(text -> assertThat(text)
                .doesNotContain("Watching", "favourite", "Mia").contains("topic " + topic));
        // Mia tracks her topic, which notifies of nothing by itself; as its opener she hears of Tom's reply
        // once (ReplyNotifications, #13), never of her own posts
        assertThat(replyNotifications(mia, topic)).as("Mia, the opener, of Tom's one reply").hasSize(1);
    }

    @Test
    void youTrackWhatYouStartedOrRepliedToAndAReaderIsNormal() {
        ForumApiClient mia = joined(TestUsers.member(unique("mia")));
        ForumApiClient tom = joined(TestUsers.member(unique("tom")));
        ForumApiClient ola = joined(TestUsers.member(unique("ola")));
        long topic = mia.createTopicId("general", "Levels by default", "First.");
        tom.reply(topic, "Reply.").statusCode(201);
        mia.topic(topic).body("notificationLevel", equalTo("tracking"));
        tom.topic(topic).body("notificationLevel", equalTo("tracking"));
        ola.topic(topic).body("notificationLevel", equalTo("normal"));
        // a level chosen is kept when you post again
        tom.put("/api/topics/" + topic + "/notification-level", Map.of("level", "muted")).statusCode(200);
        tom.reply(topic, "Muted, but still answering.").statusCode(201);
        tom.topic(topic).body("notificationLevel", equalTo("muted"));
    }

    @Test
    void watchingACategoryNotifiesOfNewTopicsAndPostsUnlessTheTopicIsMuted() {
        ForumApiClient mia = joined(TestUsers.member(unique("mia")));
        ForumApiClient wes = joined(TestUsers.member(unique("wes")));
        wes.put("/api/categories/general/notification-level", Map.of("level", "watching")).statusCode(200);
        long topic = mia.createTopicId("general", "A topic Wes hears of", "First.");
        assertThat(replyNotifications(wes, topic)).hasSize(1);
        wes.topic(topic).body("notificationLevel", equalTo("watching"));

        wes.reply(topic, "Wes replies and keeps watching.").statusCode(201);
        wes.topic(topic).body("notificationLevel", equalTo("watching"));
        mia.reply(topic, "Answer to Wes.").statusCode(201);
        assertThat(replyNotifications(wes, topic)).hasSize(2);

        wes.put("/api/topics/" + topic + "/notification-level", Map.of("level", "muted")).statusCode(200);
        mia.reply(topic, "Nobody hears of this one.").statusCode(201);
        assertThat(replyNotifications(wes, topic)).hasSize(2);
        wes.put("/api/categories/general/notification-level", Map.of("level", "normal")).statusCode(200);
    }

    @Test
    void nobodyIsNotifiedOfATopicTheyCannotReadNow() {
        String name = unique("hal");
        ForumApiClient halAsHelpliner = joined(TestUsers.helpliner(name));
        ForumApiClient helen = joined(TestUsers.helpliner(unique("helen")));
        long topic = helen.createTopicId("helpliners", "Rota for the helpline", "First.");
        halAsHelpliner.put("/api/topics/" + topic + "/notification-level", Map.of("level", "watching")).statusCode(200);
        halAsHelpliner.put("/api/categories/helpliners/notification-level", Map.of("level", "watching")).statusCode(200);
        helen.reply(topic, "While Hal is a helpliner.").statusCode(201);
        assertThat(replyNotifications(halAsHelpliner, topic)).hasSize(1);

        // Hal steps down: his next request carries only the member role
        ForumApiClient halAsMember = joined(TestUsers.member(name));
        helen.reply(topic, "After Hal stepped down.").statusCode(201);
        long other = helen.createTopicId("helpliners", "Another helpliners' topic", "First.");
        assertThat(replyNotifications(halAsMember, topic)).hasSize(1);
        assertThat(replyNotifications(halAsMember, other)).isEmpty();
        halAsMember.put("/api/topics/" + topic + "/notification-level", Map.of("level", "watching")).statusCode(404);
    }

    @Test
    void anOpenerWhoMayNoLongerReadTheirTopicHearsNothingOfItsReplies() { // R16
        String name = unique("ottilie");
        ForumApiClient asHelpliner = joined(TestUsers.helpliner(name));
        ForumApiClient helen = joined(TestUsers.helpliner(unique("helen")));
        long topic = asHelpliner.createTopicId("helpliners", "Handover notes", "First.");
        helen.reply(topic, "While Ottilie is a helpliner.").statusCode(201);
        assertThat(replyNotifications(asHelpliner, topic)).hasSize(1);

        // she steps down: her next request carries only the member role
        ForumApiClient asMember = joined(TestUsers.member(name));
        helen.reply(topic, "After Ottilie stepped down.").statusCode(201);
        assertThat(replyNotifications(asMember, topic)).hasSize(1);
    }

    @Test
    void watchingACallTopicNeverCarriesTheCallerAndMembersCannotWatchTheBoard() { // R16
        ForumApiClient opener = joined(TestUsers.helpliner(unique("hana")));
        ForumApiClient coordinator = joined(TestUsers.coordinator(unique("cora")));
        ForumApiClient member = joined(TestUsers.member(unique("mo")));
        member.put("/api/categories/12th-step-calls/notification-level", Map.of("level", "watching")).statusCode(404);
        coordinator.put("/api/categories/12th-step-calls/notification-level", Map.of("level", "watching")).statusCode(200);

        long area = ListFixtures.area(ListFixtures.origin(), 0);
        long call = opener.post("/api/calls", CallFixtures.intake(area, "Philippa", "07700 900481")).statusCode(201)
                .extract().jsonPath().getLong("topicId");
        member.put("/api/topics/" + call + "/notification-level", Map.of("level", "watching")).statusCode(404);
        opener.reply(call, "Advice welcome: anyone near the area?").statusCode(201);

        List<Map<String, Object>> toCoordinator = replyNotifications(coordinator, call);
        assertThat(toCoordinator).hasSize(1);
        assertThat((String) toCoordinator.get(0).get("text")).doesNotContain("Philippa", "P.", "481", "Advice");
        coordinator.put("/api/categories/12th-step-calls/notification-level", Map.of("level", "normal")).statusCode(200);
    }
}
