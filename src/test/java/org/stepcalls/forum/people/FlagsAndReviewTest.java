package org.stepcalls.forum.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class FlagsAndReviewTest {

    private final ForumApiClient author = People.person("florian", "member");
    private final ForumApiClient flagger = People.person("winifred", "member");
    private final ForumApiClient second = People.person("ambrose", "member");
    private final ForumApiClient helpliner = People.person("henrietta", "helpliner", "member");
    private final ForumApiClient opener = People.person("octavia", "helpliner", "member");
    private final ForumApiClient coordinator = People.person("cornelius", "coordinator", "member");
    private final ForumApiClient admin = People.person("adelina", "admin", "member");

    @Test
    void aPostFlaggedForPersonalDetailsIsHiddenAtOnceFromAllButItsAuthorAndCoordinators() {
        long topic = author.createTopicId("general", "Sponsor wanted", "Ring me on oh seven seven, you know the rest");
        long post = People.postIds(author, topic).get(0);
        flagger.post("/api/posts/" + post + "/flags", Map.of("reason", "personal_details")).statusCode(201)
                .body("hidden", equalTo(true));
        second.topic(topic).body("posts[0].hidden", equalTo(true)).body("posts[0].body", equalTo(""))
                .body("posts[0].html", equalTo(""));
        author.topic(topic).body("posts[0].body", equalTo("Ring me on oh seven seven, you know the rest"));
        coordinator.topic(topic).body("posts[0].hidden", equalTo(true))
                .body("posts[0].body", equalTo("Ring me on oh seven seven, you know the rest"));
    }

    @Test
    void textAPostWasHiddenForStaysKeptFromViewAfterAnEditAndItsRestoring() { // R16
        String flagged = "Her name is Philippa Quarrendon, flat 4 Tamsin Court";
        long topic = author.createTopicId("general", "Lift to the meeting", "Looking for a lift on Thursday.");
        long post = editedFirstPost(topic, flagged);
        long flag = flag(flagger, post, "personal_details");
        author.edit(post, "Looking for a lift on Thursday, near the centre.").statusCode(200);

        var review = coordinator.get("/api/review").statusCode(200).extract();
        assertThat(review.asString()).doesNotContain("Quarrendon");
        assertThat(review.jsonPath().getBoolean("flags.find { it.flagId == " + flag + " }.editedSinceFlagged")).isTrue();
        coordinator.post("/api/review/" + flag + "/disagree", Map.of()).statusCode(200);

        second.topic(topic).body("posts[0].hidden", equalTo(false));
        String seenByMember = second.get("/api/posts/" + post + "/revisions").statusCode(200).extract().asString();
        assertThat(seenByMember).doesNotContain("Quarrendon");
        // every version it had when it was hidden is kept from view: readers see only that they exist
        second.get("/api/posts/" + post + "/revisions").body("[1].body", equalTo(null))
                .body("[1].keptFromView", equalTo(true)).body("[0].keptFromView", equalTo(true));
        String page = second.get("/posts/" + post + "/revisions").statusCode(200).extract().asString();
        assertThat(page).doesNotContain("Quarrendon").contains("Kept from view");
        // coordinators still see what was flagged
        coordinator.get("/api/posts/" + post + "/revisions").body("[1].body", equalTo(flagged));
    }

    @Test
    void versionsAPostHadWhenItWasHiddenStayKeptFromViewOnceItIsShownAgain() { // R16
        String earlier = "Lift from Rosalind Tregarthen, 9 Wexcombe Row";
        long post = editedFirstPost(author.createTopicId("general", "Lifts", "Lifts to the Thursday meeting."), earlier,
                "Lifts to the Thursday meeting: ask after it.");
        second.get("/api/posts/" + post + "/revisions").body("[1].body", equalTo(earlier));

        // a reader flags the earlier version, which hides the post; a coordinator shows it again
        long flag = flag(flagger, post, "personal_details");
        coordinator.post("/api/review/" + flag + "/disagree", Map.of()).statusCode(200);
        String seen = second.get("/api/posts/" + post + "/revisions").statusCode(200).extract().asString();
        assertThat(seen).doesNotContain("Tregarthen");
        author.get("/api/posts/" + post + "/revisions").body("[1].body", equalTo(earlier));

        // and the same when a coordinator hides a post directly and then shows it again
        long other = editedFirstPost(author.createTopicId("general", "People test topic", "Rides on Sunday."), earlier,
                "Rides on Sunday, ask me.");
        coordinator.post("/api/posts/" + other + "/hide", Map.of("reason", "Names someone")).statusCode(200);
        coordinator.post("/api/posts/" + other + "/unhide", null).statusCode(200);
        assertThat(second.get("/api/posts/" + other + "/revisions").statusCode(200).extract().asString())
                .doesNotContain("Tregarthen");
    }

    @Test
    void onePersonHasOneOpenFlagOnAPost() {
        long post = People.firstPost(author, "general", "Off topic musings about football.");
        flagger.post("/api/posts/" + post + "/flags", Map.of("reason", "off_topic")).statusCode(201).body("hidden", equalTo(false));
        flagger.post("/api/posts/" + post + "/flags", Map.of("reason", "inappropriate")).statusCode(409)
                .body("error", equalTo("already_flagged"));
        second.post("/api/posts/" + post + "/flags", Map.of("reason", "off_topic")).statusCode(201);
    }

    @Test
    void otherNeedsAShortReasonWhichIsRedacted() { // R16
        long post = People.firstPost(author, "general", "A post with something odd in it.");
        flagger.post("/api/posts/" + post + "/flags", Map.of("reason", "other")).statusCode(400);
        flagger.post("/api/posts/" + post + "/flags", Map.of("reason", "shouting")).statusCode(400);
        long flag = flagger.post("/api/posts/" + post + "/flags",
                Map.of("reason", "other", "note", "Says to text 07700 900417 for a lift")).statusCode(201)
                .extract().jsonPath().getLong("id");
        String note = coordinator.get("/api/review").statusCode(200).extract().jsonPath()
                .getString("flags.find { it.flagId == " + flag + " }.note");
        assertThat(note).doesNotContain("900417").contains("[number removed]");
    }

    @Test
    void nobodyFlagsTheirOwnPost() {
        long post = People.firstPost(author, "general", "Mine.");
        author.post("/api/posts/" + post + "/flags", Map.of("reason", "off_topic")).statusCode(403);
    }

    @Test
    void coordinatorAgreesAndThePostIsHiddenWithTheirReasonAudited() { // R17
        long topic = author.createTopicId("general", "Car share", "Details in my bio, call me maybe");
        long post = People.postIds(author, topic).get(0);
        long other = flag(second, post, "inappropriate");
        long flag = flag(flagger, post, "personal_details");
        coordinator.post("/api/review/" + flag + "/agree", Map.of("reason", "Shows a way to reach the author")).statusCode(200);
        coordinator.get("/api/review").body("flags.flagId", not(hasItem((int) other)));
        second.topic(topic).body("posts[0].hidden", equalTo(true));
        author.topic(topic).body("posts[0].hiddenReason", equalTo("Shows a way to reach the author"));
        coordinator.post("/api/review/" + flag + "/agree", Map.of("reason", "again")).statusCode(409)
                .body("error", equalTo("flag_reviewed"));
        assertThat(auditedActions(topic)).contains("post_flagged", "flag_agreed", "post_hidden");
    }

    @Test
    void coordinatorDisagreesAndAPostTheFlagHidIsShownAgainAudited() { // R17
        long topic = author.createTopicId("general", "Meeting times", "Tuesday 19:30, Thursday 20:00, Room 12.");
        long post = People.postIds(author, topic).get(0);
        long flag = flag(flagger, post, "personal_details");
        second.topic(topic).body("posts[0].hidden", equalTo(true));
        coordinator.post("/api/review/" + flag + "/disagree", null).statusCode(200);
        second.topic(topic).body("posts[0].hidden", equalTo(false))
                .body("posts[0].body", equalTo("Tuesday 19:30, Thursday 20:00, Room 12."));
        assertThat(auditedActions(topic)).contains("post_flagged", "flag_disagreed");
    }

    @Test
    void onlyCoordinatorsReviewFlags() {
        long post = People.firstPost(author, "general", "Review me.");
        long flag = flag(flagger, post, "off_topic");
        for (ForumApiClient notAReviewer : List.of(flagger, helpliner, admin)) {
            notAReviewer.get("/api/review").statusCode(403);
            notAReviewer.post("/api/review/" + flag + "/agree", Map.of("reason", "no")).statusCode(403);
            notAReviewer.post("/api/review/" + flag + "/disagree", null).statusCode(403);
        }
        coordinator.get("/api/review").statusCode(200).body("flags.flagId", hasItem((int) flag));
    }

    @Test
    void onTheCallsBoardAnAdviceReplyMayBeFlaggedForPersonalDetailsOnlyAndNoRecordAtAll() { // R12, R16
        long call = People.call(opener);
        long intake = People.postIds(opener, call).get(0);
        long advice = People.replyId(helpliner, call, "Her brother's number is on the fridge at the meeting hall.");
        opener.post("/api/posts/" + advice + "/flags", Map.of("reason", "off_topic")).statusCode(409)
                .body("error", equalTo("flag_reason_not_here"));
        helpliner.post("/api/posts/" + intake + "/flags", Map.of("reason", "personal_details")).statusCode(409)
                .body("error", equalTo("record_post"));
        flagger.post("/api/posts/" + advice + "/flags", Map.of("reason", "personal_details")).statusCode(404);
        long flag = flag(opener, advice, "personal_details");
        helpliner.topic(call).body("posts.find { it.id == " + advice + " }.hidden", equalTo(true));
        coordinator.get("/api/review").body("flags.flagId", hasItem((int) flag));
        admin.get("/api/review").statusCode(403);
        coordinator.post("/api/review/" + flag + "/agree", Map.of("reason", "Personal details")).statusCode(200);
    }

    /** The first post of {@code topic}, edited by its author to each of {@code texts} in turn. */
    private long editedFirstPost(long topic, String... texts) {
        long post = People.postIds(author, topic).get(0);
        for (String text : texts) {
            author.edit(post, text).statusCode(200);
        }
        return post;
    }

    private static long flag(ForumApiClient who, long post, String reason) {
        return who.post("/api/posts/" + post + "/flags", Map.of("reason", reason)).statusCode(201).extract().jsonPath()
                .getLong("id");
    }

    private List<String> auditedActions(long topic) {
        ForumApiClient auditor = People.person("audrey", "admin");
        return auditor.get("/api/audit?topicId=" + topic).statusCode(200).extract().jsonPath().getList("entries.action");
    }
}
