package org.stepcalls.forum.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MentionsTest {

    private final ForumApiClient writer = People.person("marguerite", "member");
    private final ForumApiClient member = People.person("tobias", "member");
    private final ForumApiClient helpliner = People.person("hedda", "helpliner", "member");
    private final ForumApiClient coordinator = People.person("conrad", "coordinator", "member");

    @Test
    void aMentionLinksToTheProfileAndNotifiesOnce() {
        String tobias = People.username(member);
        long topic = writer.createTopicId("general", "Lift to the convention", "Hi @" + tobias + ", are you driving?");
        writer.topic(topic).body("posts[0].html", containsString("<a href=\"/u/" + tobias + "\""))
                .body("posts[0].html", containsString(tobias + "</a>"));
        assertThat(People.mentionsOf(member, topic)).isEqualTo(1);
        assertThat(People.notifications(member).stream().filter(n -> "mention".equals(n.get("kind")))
                .map(n -> (String) n.get("text"))).allMatch(text -> !text.contains("convention"));
    }

    @Test
    void aReplyMentioningTheOpenerOfATopicTheyWatchTellsThemOnce() { // as Discourse: one notification, one mail, a post
        String tobias = People.username(member);
        long topic = member.createTopicId("general", "Chairs for Friday", "Who stacks the chairs?");
        member.put("/api/topics/" + topic + "/notification-level", java.util.Map.of("level", "watching")).statusCode(200);
        writer.reply(topic, "I can, @" + tobias + ", if someone brings the key.").statusCode(201);
        writer.reply(topic, "And the urn.").statusCode(201);
        java.util.List<String> told = People.notifications(member).stream()
                .filter(n -> ((Number) n.get("topicId")).longValue() == topic).map(n -> (String) n.get("kind")).toList();
        assertThat(told).as("the mention alone for the first reply, the reply for the second").containsExactlyInAnyOrder("mention",
                "reply");
    }

    @Test
    void anEditNotifiesOnlyThoseNewlyMentioned() {
        String tobias = People.username(member);
        String hedda = People.username(helpliner);
        long topic = writer.createTopicId("general", "Tea rota", "Thanks @" + tobias);
        long post = People.postIds(writer, topic).get(0);
        writer.edit(post, "Thanks @" + tobias + " and @" + hedda).statusCode(200);
        writer.edit(post, "Thanks again @" + tobias + " and @" + hedda).statusCode(200);
        assertThat(People.mentionsOf(member, topic)).isEqualTo(1);
        assertThat(People.mentionsOf(helpliner, topic)).isEqualTo(1);
    }

    @Test
    void aMentionNeverRevealsATopicToSomeoneWhoCannotReadIt() {
        String tobias = People.username(member);
        long topic = helpliner.createTopicId("helpliners", "Friday shift swap", "Could @" + tobias + " help? No, members cannot.");
        assertThat(People.mentionsOf(member, topic)).isZero();
        member.get("/api/topics/" + topic).statusCode(404);
    }

    @Test
    void mentionsOnTheCallsBoardNeitherLinkNorNotify() { // R16
        String hedda = People.username(helpliner);
        long call = People.call(helpliner);
        long advice = People.replyId(coordinator, call, "@" + hedda + " try the Tuesday meeting contact first.");
        coordinator.topic(call).body("posts.find { it.id == " + advice + " }.html", not(containsString("/u/")));
        assertThat(People.mentionsOf(helpliner, call)).isZero();
    }

    @Test
    void codeAndOneselfAreNoMentions() {
        String tobias = People.username(member);
        String marguerite = People.username(writer);
        long topic = writer.createTopicId("general", "Markdown help", "Type `@" + tobias + "` to mention; I am @" + marguerite);
        writer.topic(topic).body("posts[0].html", not(containsString("/u/" + tobias)));
        assertThat(People.mentionsOf(member, topic)).isZero();
        assertThat(People.mentionsOf(writer, topic)).isZero();
    }
}
