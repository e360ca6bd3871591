package org.stepcalls.forum.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stepcalls.forum.web.PageSession;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.BlindRedactor;
import org.stepcalls.privacy.Redactor;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * R16's safety net: whatever gets past the source pass (here a redactor that finds nothing) is
 * caught when the post is checked as readers will see it, and the write is refused whole.
 */
@QuarkusTest
class RenderedCheckTest {

    private static final String REFUSED = "This post still shows a phone number or an e-mail address";

    private final ForumApiClient mia = new ForumApiClient(TestUsers.member("mia"));
    private final ForumApiClient carl = new ForumApiClient(TestUsers.coordinator("carl"));
    private final PageSession pages = new PageSession(TestUsers.member("mia"));

    @BeforeEach
    void sourcePassFindsNothing() {
        QuarkusMock.installMockForType(new BlindRedactor(), Redactor.class);
    }

    @Test
    void aPostThatStillShowsANumberIsRefused() { // R16
        mia.createTopic("general", "Lift tonight", "Ring <!-- 07700 900123 -->").statusCode(400)
                .body("error", equalTo("contact_details"));
        mia.createTopic("general", "Lift tonight", "Mail [sam](https://example.org)@example.org").statusCode(400)
                .body("error", equalTo("contact_details"));
        mia.createTopic("general", "Lift tonight", "Ring 07700\n\n900123. is the list's first number").statusCode(400)
                .body("error", equalTo("contact_details"));
        mia.createTopic("general", "Ring 07700 **900** 123", "Nothing here").statusCode(400)
                .body("error", equalTo("contact_details"));
        assertThat(mia.get("/api/search?q=Lift").extract().asString()).doesNotContain("Lift tonight");
    }

    @Test
    void aReplyOrEditThatStillShowsANumberIsRefusedAndNothingSavedIsLost() { // R16
        long topic = mia.createTopicId("general", "Saturday lift", "Who is driving?");
        mia.reply(topic, "Ring `<!--07700 900123-->`").statusCode(400).body("error", equalTo("contact_details"));
        long post = mia.topic(topic).extract().jsonPath().getLong("posts[0].id");
        mia.edit(post, "Call 07700\n\n- - - - - -\n\n900123").statusCode(400).body("error", equalTo("contact_details"));
        mia.topic(topic).body("posts.size()", equalTo(1)).body("posts[0].body", equalTo("Who is driving?"));
        carl.post("/api/posts/" + post + "/hide", Map.of("reason", "Number was 07700 900123")).statusCode(400)
                .body("error", equalTo("contact_details"));
        mia.topic(topic).body("posts[0].hidden", equalTo(false));
    }

    @Test
    void ordinaryTextPassesTheCheck() {
        mia.createTopic("general", "Keytags", "Keytags so far: 30, 60, 90, 180, 365 days. Posted 27/11/2026, 19:32")
                .statusCode(201);
    }

    @Test
    void thePageShowsTheFormAgainWithTheTextAndTheReason() { // R16
        Response refused = pages.submit("/new-topic", "/new-topic",
                Map.of("category", "general", "title", "Lift", "body", "Ring <b 07700 900123>"));
        assertThat(refused.statusCode()).isEqualTo(400);
        Document form = Jsoup.parse(refused.asString());
        assertThat(form.select("[role=alert]").text()).contains(REFUSED);
        assertThat(form.select("#body").text()).isEqualTo("Ring <b 07700 900123>");
        assertThat(form.select("#body").attr("aria-invalid")).isEqualTo("true");
    }
}
