package org.stepcalls.forum.people;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.forum.web.PageSession;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The same actions as pages, without script: forms with their CSRF token, refused forms shown again. */
@QuarkusTest
class PeoplePagesTest {

    private final PageSession author = new PageSession(TestUsers.member("evangeline"));
    private final PageSession reader = new PageSession(TestUsers.member("fitzgerald"));
    private final PageSession coordinator = new PageSession(TestUsers.coordinator("clementine"));

    @Test
    void postsShowTheAuthorsUsernameAndAReaderLikesByForm() {
        ForumApiClient api = new ForumApiClient(author.token());
        long topic = api.createTopicId("general", "Page likes", "Like me by form.");
        long post = People.postIds(api, topic).get(0);
        String username = People.username(api);
        assertThat(reader.page("/t/" + topic).select("#post-" + post + " a[href=/u/" + username + "]").text())
                .isEqualTo("@" + username);
        assertThat(author.page("/t/" + topic).select("#post-" + post + " button[value=like]")).isEmpty(); // not one's own

        Response liked = reader.submit("/t/" + topic, "/p/" + post + "/like", Map.of("action", "like"));
        assertThat(liked.statusCode()).isEqualTo(303);
        Document after = reader.page("/t/" + topic);
        assertThat(after.select("#post-" + post + " .likes").text()).isEqualTo("1 like");
        assertThat(after.select("#post-" + post + " button[value=unlike]")).hasSize(1);
    }

    @Test
    void aFlagFormWithoutItsNoteComesBackSayingWhy() {
        ForumApiClient api = new ForumApiClient(author.token());
        long post = People.firstPost(api, "general", "Something odd.");
        Response refused = reader.submit("/p/" + post + "/flag", "/p/" + post + "/flag", Map.of("reason", "other"));
        assertThat(refused.statusCode()).isEqualTo(400);
        Document form = Jsoup.parse(refused.asString());
        assertThat(form.select("[role=alert]").text()).contains("Say in a few words");
        assertThat(form.select("input[value=other]").attr("checked")).isNotNull();
    }

    @Test
    void aFlagFormWithoutItsCsrfTokenIsRefused() {
        ForumApiClient api = new ForumApiClient(author.token());
        long post = People.firstPost(api, "general", "Forgery target.");
        Response page = reader.get("/p/" + post + "/flag");
        Response forged = given().redirects().follow(false).header("Authorization", TestUsers.bearer(reader.token()))
                .cookie(PageSession.CSRF_COOKIE, page.getCookie(PageSession.CSRF_COOKIE))
                .contentType("application/x-www-form-urlencoded").formParam("reason", "personal_details")
                .post("/p/" + post + "/flag");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(coordinator.page("/review").select("a[href=/p/" + post + "]")).isEmpty();
    }

    @Test
    void theReviewPageIsTheCoordinatorsAndABlankReasonIsShownAgain() {
        ForumApiClient api = new ForumApiClient(author.token());
        long post = People.firstPost(api, "general", "Review by page.");
        long flag = new ForumApiClient(reader.token()).post("/api/posts/" + post + "/flags", Map.of("reason", "off_topic"))
                .statusCode(201).extract().jsonPath().getLong("id");
        assertThat(reader.get("/review").statusCode()).isEqualTo(403);
        assertThat(coordinator.page("/review").select("#flag-" + flag)).hasSize(1);
        Response blank = coordinator.submit("/review", "/review/" + flag + "/agree", Map.of("reason", " "));
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(blank.asString()).select("#flag-" + flag + " [role=alert]").text()).isNotBlank();
        assertThat(coordinator.submit("/review", "/review/" + flag + "/disagree", Map.of()).statusCode()).isEqualTo(303);
        assertThat(coordinator.page("/review").select("#flag-" + flag)).isEmpty();
    }

    @Test
    void theOwnerChangesTheirUsernameOnTheirProfilePage() {
        String subject = "sub-" + UUID.randomUUID();
        PageSession owner = new PageSession(io.quarkus.test.oidc.server.OidcWiremockTestResource.generateJwtToken(
                "Gwendolyn", java.util.Set.of("member"), subject, "Bearer"));
        String before = People.username(new ForumApiClient(owner.token()));
        Response refused = owner.submit("/u/" + before, "/me/username", Map.of("username", "gw 07700 900123"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(refused.asString()).select("#username").attr("aria-invalid")).isEqualTo("true");
        String wanted = "gwen_" + subject.substring(subject.length() - 4).replaceAll("[^a-z]", "q");
        Response changed = owner.submit("/u/" + before, "/me/username", Map.of("username", wanted));
        assertThat(changed.getHeader("Location")).endsWith("/u/" + wanted);
        assertThat(owner.page("/u/" + wanted).select("form[action=/me/username]")).isEmpty();
    }
}
