package org.stepcalls.forum.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stepcalls.forum.web.PageSession;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.HostileInputs;
import org.stepcalls.privacy.HostileInputs.Input;
import org.stepcalls.privacy.ReaderOracle;

import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;

/**
 * R16 as a reader meets it: every hostile input goes in through the API — as a topic's title and
 * first post, a reply, an edit or a hide reason, in turn — and what comes back (the API's JSON and
 * the topic's HTML page, links included) is read by {@link ReaderOracle}: no planted number or
 * address may be made out. Ordinary sentences with numbers come back unchanged.
 */
@QuarkusTest
class RedactionCorpusTest {

    private static final int MAX_TITLE = 200;
    private static final int MAX_REASON = 500;

    private final String author = TestUsers.member("rowena");
    private final ForumApiClient mia = new ForumApiClient(author);
    private final ForumApiClient carl = new ForumApiClient(TestUsers.coordinator("carl"));
    private final PageSession pages = new PageSession(author);

    static List<Input> inputs() {
        return HostileInputs.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void noReaderCanMakeOutAPlantedNumberOrAddress(Input input) { // R16
        long topic = switch (input.line() % 4) {
            case 0 -> mia.createTopicId("general", fitsTitle(input) ? input.text() : "Corpus line " + input.line(), input.text());
            case 1 -> reply(input);
            case 2 -> edit(input);
            default -> hide(input);
        };
        String json = mia.topic(topic).statusCode(200).extract().asString();
        JsonPath read = JsonPath.from(json);
        input.assertNothingReadableIn("title", read.getString("title"));
        for (int post = 0; post < read.getList("posts").size(); post++) {
            input.assertNothingReadableIn("post source", ReaderOracle.sourceText(read.getString("posts[" + post + "].body")));
            input.assertNothingReadableIn("post HTML", ReaderOracle.pageText(read.getString("posts[" + post + "].html")));
            input.assertNothingReadableIn("hide reason", ReaderOracle.sourceText(read.getString("posts[" + post + "].hiddenReason")));
            long postId = read.getLong("posts[" + post + "].id");
            input.assertNothingReadableIn("revisions", ReaderOracle.sourceText(mia.get("/api/posts/" + postId + "/revisions")
                    .statusCode(200).extract().asString()));
        }
        input.assertNothingReadableIn("whole JSON", ReaderOracle.sourceText(json));
        input.assertNothingReadableIn("topic page", ReaderOracle.pageText(pages.get("/t/" + topic).asString()));
    }

    @Test
    void ordinarySentencesWithNumbersComeBackUnchanged() {
        List<String> sentences = HostileInputs.lines("/redaction/ordinary-sentences.txt");
        assertThat(sentences).hasSizeGreaterThanOrEqualTo(100);
        String body = String.join("\n\n", sentences);
        JsonPath created = mia.createTopic("general", "Ordinary numbers", body).statusCode(201).extract().jsonPath();
        assertThat(created.getInt("redactions")).isZero();
        assertThat(mia.topic(created.getLong("id")).extract().jsonPath().getString("posts[0].body")).isEqualTo(body);
        for (String sentence : sentences.subList(0, 30)) {
            long id = mia.createTopicId("general", sentence, sentence);
            JsonPath topic = mia.topic(id).extract().jsonPath();
            assertThat(topic.getString("title")).isEqualTo(sentence);
            assertThat(topic.getString("posts[0].body")).isEqualTo(sentence);
        }
    }

    private static boolean fitsTitle(Input input) {
        String title = input.text().strip();
        return !title.isEmpty() && title.codePointCount(0, title.length()) <= MAX_TITLE;
    }

    private long reply(Input input) {
        long topic = mia.createTopicId("general", "Corpus line " + input.line(), "Anyone around tonight?");
        mia.reply(topic, input.text()).statusCode(201);
        return topic;
    }

    private long edit(Input input) {
        long topic = mia.createTopicId("general", "Corpus line " + input.line(), "First draft");
        long post = mia.topic(topic).extract().jsonPath().getLong("posts[0].id");
        mia.edit(post, input.text()).statusCode(200);
        return topic;
    }

    private long hide(Input input) {
        long topic = mia.createTopicId("general", "Corpus line " + input.line(), input.text());
        long post = mia.topic(topic).extract().jsonPath().getLong("posts[0].id");
        String reason = input.text().length() <= MAX_REASON ? input.text() : "Contact details";
        carl.post("/api/posts/" + post + "/hide", java.util.Map.of("reason", reason)).statusCode(200);
        return topic;
    }
}
