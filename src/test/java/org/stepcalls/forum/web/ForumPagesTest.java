package org.stepcalls.forum.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class ForumPagesTest {

    private final PageSession mia = new PageSession(TestUsers.member("mia"));
    private final PageSession helen = new PageSession(TestUsers.helpliner("helen"));
    private final PageSession carl = new PageSession(TestUsers.coordinator("carl"));

    @Test
    void memberStartsATopicFromTheFormAndIsToldWhatWasRemoved() {
        Response created = mia.submit("/new-topic", "/new-topic",
                Map.of("category", "general", "title", "Lift to Leeds", "body", "Text me on 07700 900555"));
        assertThat(created.statusCode()).isEqualTo(303);
        String location = created.getHeader("Location");
        assertThat(location).matches(".*/t/\\d+\\?redacted=1");
        Document topic = mia.page(location.substring(location.indexOf("/t/")));
        assertThat(topic.select("h1").text()).isEqualTo("Lift to Leeds");
        assertThat(topic.select("[role=status]").text()).contains("We removed 1 phone number");
        assertThat(topic.select(".post .body").text()).isEqualTo("Text me on [number removed]");
    }

    @Test
    void aRefusedFormComesBackWithTheTextKeptAndTheProblemMarked() {
        Response refused = mia.submit("/new-topic", "/new-topic",
                Map.of("category", "general", "title", " ", "body", "A long careful post I do not want to lose"));
        assertThat(refused.statusCode()).isEqualTo(400);
        Document form = Jsoup.parse(refused.asString());
        assertThat(form.select("[role=alert]").text()).contains("title");
        assertThat(form.select("#title").attr("aria-invalid")).isEqualTo("true");
        assertThat(form.select("#body").text()).isEqualTo("A long careful post I do not want to lose");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedWithAnExplanation() {
        Response page = mia.get("/new-topic");
        Response forged = given().redirects().follow(false).header("Authorization", TestUsers.bearer(mia.token()))
                .cookie(PageSession.CSRF_COOKIE, page.getCookie(PageSession.CSRF_COOKIE))
                .contentType("application/x-www-form-urlencoded")
                .formParam("category", "general").formParam("title", "Forged").formParam("body", "Forged")
                .post("/new-topic");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.asString()).contains("did not come from this site");
        Response wrongToken = given().redirects().follow(false).header("Authorization", TestUsers.bearer(mia.token()))
                .cookie(PageSession.CSRF_COOKIE, page.getCookie(PageSession.CSRF_COOKIE))
                .contentType("application/x-www-form-urlencoded")
                .formParam("category", "general").formParam("title", "Forged").formParam("body", "Forged")
                .formParam("csrf-token", "A".repeat(43))
                .post("/new-topic");
        assertThat(wrongToken.statusCode()).isEqualTo(400);
    }

    @Test
    void replyToAClosedTopicKeepsTheTextAndSaysWhy() {
        ForumApiClient api = new ForumApiClient(mia.token());
        long topic = api.createTopicId("general", "Closing soon", "Opening");
        new ForumApiClient(carl.token()).post("/api/topics/" + topic + "/close", null).statusCode(200);
        // a closed topic shows no reply form; the token of any form of ours is as good
        Response refused = mia.submit("/new-topic", "/t/" + topic + "/reply", Map.of("body", "My late reply"));
        assertThat(refused.statusCode()).isEqualTo(409);
        Document page = Jsoup.parse(refused.asString());
        assertThat(page.select("[role=alert]").text()).contains("closed");
        assertThat(page.select("#unsent").text()).isEqualTo("My late reply");
    }

    @Test
    void authorEditsFromTheEditPage() {
        ForumApiClient api = new ForumApiClient(mia.token());
        long topic = api.createTopicId("general", "Typo", "Meeting on Tusday");
        long post = api.topic(topic).extract().jsonPath().getLong("posts[0].id");
        Response saved = mia.submit("/p/" + post + "/edit", "/p/" + post + "/edit", Map.of("body", "Meeting on Tuesday"));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(mia.page("/t/" + topic).select(".post .body").text()).isEqualTo("Meeting on Tuesday");
        assertThat(helen.get("/p/" + post + "/edit").statusCode()).isEqualTo(403);
    }

    @Test
    void coordinatorHidesAPostFromTheTopicPage() { // R17
        ForumApiClient api = new ForumApiClient(mia.token());
        long topic = api.createTopicId("general", "Moderate me", "Unkind words");
        long post = api.topic(topic).extract().jsonPath().getLong("posts[0].id");
        assertThat(mia.page("/t/" + topic).select("form[action=/p/" + post + "/hide]")).isEmpty();
        Response hidden = carl.submit("/t/" + topic, "/p/" + post + "/hide", Map.of("reason", "Unkind"));
        assertThat(hidden.statusCode()).isEqualTo(303);
        Document seenByHelen = helen.page("/t/" + topic);
        assertThat(seenByHelen.select(".post").text()).contains("hidden by a coordinator").doesNotContain("Unkind words");
    }

    @Test
    void aTopicYouMayNotSeeLooksExactlyLikeOneThatDoesNotExist() {
        long hidden = new ForumApiClient(helen.token()).createTopicId("helpliners", "Private rota", "Shifts");
        Response invisible = mia.get("/t/" + hidden);
        Response missing = mia.get("/t/999999999");
        assertThat(invisible.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(invisible.asString()).isEqualTo(missing.asString()).doesNotContain("Private rota");
    }

    @Test
    void searchPageShowsOnlyReadableResults() {
        new ForumApiClient(helen.token()).createTopicId("helpliners", "Wombat shift swap", "Helpliners only");
        new ForumApiClient(mia.token()).createTopicId("general", "Wombat picnic", "Everyone");
        assertThat(mia.page("/search?q=wombat").select("ul.topics a").eachText()).contains("Wombat picnic")
                .doesNotContain("Wombat shift swap");
        assertThat(helen.page("/search?q=wombat").select("ul.topics a").eachText()).contains("Wombat picnic",
                "Wombat shift swap");
    }

    @Test
    void aSearchTooLongComesBackAsABadRequestWithTheWordsAndTheReason() {
        String words = "wombat".repeat(40);
        Response refused = mia.get("/search?q=" + words);
        assertThat(refused.statusCode()).isEqualTo(400);
        Document page = Jsoup.parse(refused.asString());
        assertThat(page.text()).contains("Search for at most 200 characters.");
        assertThat(page.select("input[name=q]").attr("value")).isEqualTo(words);
    }

    @Test
    void anUnknownAddressGetsANotFoundPageEvenForASignedInVisitor() {
        Response missing = mia.get("/favicon.ico");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.asString()).contains("Not found").contains("Sign out");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (Response response : new Response[] { given().get("/"), mia.get("/"), mia.get("/t/999999999"),
                given().get("/api/categories") }) {
            assertThat(response.getHeader("Content-Security-Policy"))
                    .contains("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'");
            assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        }
    }

    @Test
    void pagesCarryAccessibleLabelsAndASignOutButton() {
        Document form = mia.page("/new-topic");
        for (String id : new String[] { "category", "title", "body" }) {
            assertThat(form.select("label[for=" + id + "]")).as("label for %s", id).hasSize(1);
        }
        assertThat(form.select("form[action=/logout] button").text()).isEqualTo("Sign out");
        assertThat(form.select("meta[name=viewport]")).hasSize(1);
    }
}
