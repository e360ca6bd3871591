package org.stepcalls.forum.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.stepcalls.FreshLetters;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.platform.web.PhoneBrowser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A long topic reads in pages of twenty posts, as Discourse's pages without JavaScript; every way to a post finds its page. */
@QuarkusTest
class TopicPagesTest {

    @TestHTTPResource("/")
    URL base;

    private static String unique(String name) {
        return name + "-" + FreshLetters.of(6);
    }

    /** A topic of {@code posts} posts, "Post 1" … "Post n"; returns their ids in order. */
    private static List<Long> topicOf(ForumApiClient author, int posts) {
        long topic = author.createTopicId("general", "A long meeting thread " + FreshLetters.of(4), "Post 1");
        List<Long> ids = new ArrayList<>(List.of(author.get("/api/topics/" + topic).statusCode(200).extract().jsonPath()
                .getLong("posts[0].id")));
        for (int n = 2; n <= posts; n++) {
            ids.add(author.reply(topic, "Post " + n).statusCode(201).extract().jsonPath().getLong("id"));
        }
        ids.add(0, topic); // the topic's id first
        return ids;
    }

    private static List<String> bodies(Document page) {
        return page.select("ol.posts > li .body").eachText();
    }

    @Test
    void aLongTopicIsReadInPagesOfTwentyWithLinksBetweenThem() {
        ForumApiClient author = new ForumApiClient(TestUsers.member(unique("audrey")));
        List<Long> ids = topicOf(author, 45);
        long topic = ids.get(0);
        PageSession reader = new PageSession(TestUsers.member(unique("rhys")));

        Document first = reader.page("/t/" + topic);
        assertThat(bodies(first)).hasSize(20).startsWith("Post 1").endsWith("Post 20");
        assertThat(first.select("nav.pages").first().text()).isEqualTo("Page 1 of 3 Next › Last");
        assertThat(first.select("nav.pages a[rel=next]").attr("href")).isEqualTo("/t/" + topic + "?page=2");
        assertThat(first.select("form#reply")).hasSize(1); // a reply can be written from any page

        Document second = reader.page("/t/" + topic + "?page=2");
        assertThat(bodies(second)).hasSize(20).startsWith("Post 21").endsWith("Post 40");
        assertThat(second.select("ol.posts").attr("start")).isEqualTo("21");
        assertThat(second.select("nav.pages a[rel=prev]").attr("href")).isEqualTo("/t/" + topic + "?page=1");

        Document last = reader.page("/t/" + topic + "?page=3");
        assertThat(bodies(last)).containsExactly("Post 41", "Post 42", "Post 43", "Post 44", "Post 45");
        assertThat(last.select("nav.pages").first().text()).isEqualTo("First ‹ Previous Page 3 of 3");

        assertThat(reader.get("/t/" + topic + "?page=4").statusCode()).isEqualTo(404);
        for (String wrong : List.of("0", "-1", "two", "1.5", "9999999")) {
            Response refused = reader.get("/t/" + topic + "?page=" + wrong);
            assertThat(refused.statusCode()).as("page=" + wrong).isEqualTo(400);
            assertThat(refused.asString()).contains("A page is a number from 1.");
        }
    }

    @Test
    void theLinksBetweenPagesFitAPhone() throws Exception {
        long topic = topicOf(new ForumApiClient(TestUsers.member(unique("anwen"))), 50).get(0);
        try (PhoneBrowser browser = PhoneBrowser.signedIn(TestUsers.member(unique("rhian")), Path.of("target/e2e-pages/topic-pages"))) {
            browser.driver().get(base.toString().replaceAll("/$", "") + "/t/" + topic + "?page=2");
            browser.screenshot("middle-page"); // no sideways scroll, 44×44 tap targets, no serious axe-core violation

            var page = browser.driver();
            page.findElement(org.openqa.selenium.By.id("body")).sendKeys("Who has the **hall** keys?");
            browser.submit(org.openqa.selenium.By.xpath("//button[text()='Preview']"));
            assertThat(page.getCurrentUrl()).endsWith("/reply/preview#preview");
            assertThat(page.findElement(org.openqa.selenium.By.cssSelector(".preview strong")).getText()).isEqualTo("hall");
            assertThat(inView(page, "preview-heading")).as("the preview opens in view, not a page of posts above it").isTrue();
            browser.submit(org.openqa.selenium.By.xpath("//button[text()='Save draft']"));
            assertThat(inView(page, "reply-notice")).as("'Draft saved' in view").isTrue();
        }
    }

    private static boolean inView(org.openqa.selenium.WebDriver page, String id) {
        return (Boolean) ((org.openqa.selenium.JavascriptExecutor) page).executeScript(
                "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
                        + " return r.top >= 0 && r.top < window.innerHeight;", id);
    }

    @Test
    void aShortTopicHasNoPageLinks() {
        ForumApiClient author = new ForumApiClient(TestUsers.member(unique("ada")));
        long topic = topicOf(author, 20).get(0);
        Document page = new PageSession(TestUsers.member(unique("rob"))).page("/t/" + topic);
        assertThat(bodies(page)).hasSize(20);
        assertThat(page.select("nav.pages")).isEmpty();
    }

    @Test
    void aReaderReturningToALongTopicOpensAtThePageOfTheFirstPostTheyHaveNotRead() {
        ForumApiClient author = new ForumApiClient(TestUsers.member(unique("agnes")));
        List<Long> ids = topicOf(author, 25);
        long topic = ids.get(0);
        PageSession reader = new PageSession(TestUsers.member(unique("rowan")));

        reader.page("/t/" + topic); // page 1: read up to post 20, not beyond
        Response back = reader.get("/t/" + topic);
        assertThat(back.statusCode()).isEqualTo(303);
        assertThat(back.getHeader("Location")).endsWith("/t/" + topic + "?page=2#unread");
        Document second = reader.page("/t/" + topic + "?page=2");
        assertThat(second.getElementById("unread").parent().text()).contains("Post 21");

        assertThat(reader.get("/t/" + topic).statusCode()).as("read to the end: the first page").isEqualTo(200);
        assertThat(reader.get("/t/" + topic + "?page=1").statusCode()).as("a page asked for is that page").isEqualTo(200);
    }

    @Test
    void aPostsOwnAddressLeadsToItsPageAndAReplyLandsOnTheLastPage() {
        ForumApiClient author = new ForumApiClient(TestUsers.member(unique("alma")));
        List<Long> ids = topicOf(author, 41);
        long topic = ids.get(0);
        PageSession reader = new PageSession(TestUsers.member(unique("reid")));

        assertThat(reader.get("/p/" + ids.get(25)).getHeader("Location")).endsWith("/t/" + topic + "?page=2#post-" + ids.get(25));
        assertThat(reader.get("/p/" + ids.get(1)).getHeader("Location")).endsWith("/t/" + topic + "?page=1#post-" + ids.get(1));
        assertThat(reader.get("/p/" + Long.MAX_VALUE).statusCode()).isEqualTo(404);

        Response replied = reader.submit("/t/" + topic + "?page=1", "/t/" + topic + "/reply", Map.of("body", "Post 42"));
        assertThat(replied.statusCode()).isEqualTo(303);
        assertThat(replied.getHeader("Location")).matches(".*/t/" + topic + "\\?page=3&redacted=0#post-\\d+");
        assertThat(bodies(reader.page("/t/" + topic + "?page=3"))).containsExactly("Post 41", "Post 42");

        Response refused = reader.submit("/t/" + topic, "/t/" + topic + "/reply", Map.of("body", " "));
        assertThat(refused.statusCode()).isEqualTo(400);
        Document shownAgain = org.jsoup.Jsoup.parse(refused.asString());
        assertThat(bodies(shownAgain)).as("the box again on the last page, where the reply would go").containsExactly("Post 41",
                "Post 42");
    }

    @Test
    void aReaderPartWayThroughWhoActsOnAnEarlyPostStaysOnItsPage() { // the unread jump is for a topic's bare address only
        ForumApiClient author = new ForumApiClient(TestUsers.member(unique("aled")));
        List<Long> ids = topicOf(author, 45);
        long topic = ids.get(0);
        long third = ids.get(3);
        PageSession reader = new PageSession(TestUsers.member(unique("rhodri")));
        reader.page("/t/" + topic + "?page=1");
        reader.page("/t/" + topic + "?page=2"); // read to post 40 of 45

        Response liked = reader.submit("/t/" + topic + "?page=1", "/p/" + third + "/like", Map.of("action", "like"));
        assertThat(liked.getHeader("Location")).endsWith("/t/" + topic + "?page=1#post-" + third);
        assertThat(reader.get("/t/" + topic + "?page=1").statusCode()).isEqualTo(200);

        PageSession authorPages = new PageSession(author.token());
        authorPages.page("/t/" + topic + "?page=1"); // the author has read to the end: no jump either way
        Response edited = authorPages.submit("/p/" + third + "/edit", "/p/" + third + "/edit",
                Map.of("body", "Post 3, ring me on 07700 900321"));
        assertThat(edited.getHeader("Location")).endsWith("/t/" + topic + "?page=1&redacted=1#post-" + third);
        Document withNotice = authorPages.page("/t/" + topic + "?page=1&redacted=1");
        assertThat(withNotice.select("[role=status]").text()).startsWith("We removed 1 phone number");

        String formsPage = reader.page("/t/" + topic + "?page=2").select("form#notification-level input[name=page]").val();
        Response level = reader.submit("/t/" + topic + "?page=2", "/t/" + topic + "/notification-level",
                Map.of("level", "watching", "page", formsPage));
        assertThat(level.getHeader("Location")).endsWith("/t/" + topic + "?page=2#notification-level");
    }

    @Test
    void aPreviewADraftOrARefusalFromAnEarlyPageShowsThatPageAndMarksNothingFurtherRead() {
        ForumApiClient author = new ForumApiClient(TestUsers.member(unique("aneira")));
        long topic = topicOf(author, 45).get(0);
        PageSession reader = new PageSession(TestUsers.member(unique("rees")));
        String formsPage = reader.page("/t/" + topic + "?page=1").select("form#reply input[name=page]").val();
        assertThat(formsPage).isEqualTo("1");

        Response preview = reader.submit("/t/" + topic + "?page=1", "/t/" + topic + "/reply/preview",
                Map.of("body", "Who has the **Thursday** keys?", "page", formsPage));
        Document previewed = org.jsoup.Jsoup.parse(preview.then().statusCode(200).extract().asString());
        assertThat(bodies(previewed)).as("the page the reader was on").startsWith("Post 1").hasSize(20);
        assertThat(previewed.select("#body").text()).isEqualTo("Who has the **Thursday** keys?");
        Document drafted = org.jsoup.Jsoup.parse(reader.submit("/t/" + topic + "?page=1", "/t/" + topic + "/reply/draft",
                Map.of("body", "Who has the keys?", "page", "1")).then().statusCode(200).extract().asString());
        assertThat(bodies(drafted)).startsWith("Post 1").hasSize(20);
        Response refused = reader.submit("/t/" + topic + "?page=1", "/t/" + topic + "/reply", Map.of("body", " ", "page", "1"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(bodies(org.jsoup.Jsoup.parse(refused.asString()))).startsWith("Post 1").hasSize(20);

        assertThat(reader.get("/t/" + topic).getHeader("Location")).as("posts 21 to 45 still unread")
                .endsWith("/t/" + topic + "?page=2#unread");
        Response pastTheEnd = reader.submit("/t/" + topic + "?page=1", "/t/" + topic + "/reply/preview",
                Map.of("body", "Keys?", "page", "9"));
        assertThat(bodies(org.jsoup.Jsoup.parse(pastTheEnd.asString()))).as("no such page: the last").startsWith("Post 41");
    }

    @Test
    void aPostInATopicTheReaderMayNotSeeHasNoAddressForThem() {
        ForumApiClient helpliner = new ForumApiClient(TestUsers.helpliner(unique("hana")));
        long topic = helpliner.createTopicId("helpliners", "Rota swap", "Who can take Tuesday?");
        long post = helpliner.get("/api/topics/" + topic).statusCode(200).extract().jsonPath().getLong("posts[0].id");
        PageSession member = new PageSession(TestUsers.member(unique("mo")));
        Response unreadable = member.get("/p/" + post);
        Response missing = member.get("/p/" + Long.MAX_VALUE);
        assertThat(unreadable.statusCode()).isEqualTo(404);
        assertThat(unreadable.asString()).as("the same answer as for no post at all").isEqualTo(missing.asString());
        assertThat(new PageSession(TestUsers.helpliner(unique("hal"))).get("/p/" + post).getHeader("Location"))
                .endsWith("/t/" + topic + "?page=1#post-" + post);
    }
}
