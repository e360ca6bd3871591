package org.stepcalls.forum.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.stepcalls.FreshLetters;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The pages for reading state, watching, preview, drafts, deleting and revisions — no script needed. */
@QuarkusTest
class ReadingAndWritingPagesTest {

    private static String unique(String name) {
        return name + "-" + FreshLetters.of(6);
    }

    private static Element row(Document page, long topic) {
        return page.select("ul.topics li").stream().filter(li -> li.select("a.title").attr("href").startsWith("/t/" + topic))
                .findFirst().orElseThrow(() -> new AssertionError("topic " + topic + " not listed"));
    }

    @Test
    void aLineOfTheListShowsItsTagsCategoryAuthorPostsAndLastActivity() {
        String author = unique("ulla");
        ForumApiClient ulla = new ForumApiClient(TestUsers.member(author));
        PageSession reader = new PageSession(TestUsers.member(unique("ruth")));
        reader.page("/"); // joins before the topic: it is new to her
        long topic = ulla.createTopicId("general", "Tea & <b>biscuits</b>", "Who brings them?");
        ulla.reply(topic, "I will.").statusCode(201);

        Element line = row(reader.page("/"), topic);
        assertThat(line.select("a.title").text()).isEqualTo("Tea & <b>biscuits</b>"); // escaped, shown as typed
        assertThat(line.select("a.title b")).isEmpty();
        assertThat(line.select(".tag").eachText()).containsExactly("New");
        assertThat(line.select(".meta").text()).startsWith("New General · " + author + " · 2 posts ·")
                .endsWith("just now");
        assertThat(line.select("time").attr("datetime")).matches("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z");

        ForumApiClient coordinator = new ForumApiClient(TestUsers.coordinator(unique("cora")));
        coordinator.post("/api/topics/" + topic + "/pin", null).statusCode(200);
        coordinator.post("/api/topics/" + topic + "/close", null).statusCode(200);
        reader.page("/t/" + topic); // read to the end: no longer new, nothing unread
        Element read = row(reader.page("/"), topic);
        assertThat(read.select(".tag").eachText()).containsExactly("Pinned", "Closed");
        assertThat(read.select("a.title").attr("href")).isEqualTo("/t/" + topic);
        ulla.createTopicId("general", "One post only", "Just this.");
        assertThat(reader.page("/").select("ul.topics li .meta").eachText()).anyMatch(meta -> meta.contains(" · 1 post ·"));
    }

    @Test
    void theListMarksNewAndUnreadAndATopicOpensAtTheFirstUnreadPost() {
        String miaToken = TestUsers.member(unique("mia"));
        PageSession tomPages = new PageSession(TestUsers.member(unique("tom")));
        tomPages.page("/"); // Tom joins
        ForumApiClient mia = new ForumApiClient(miaToken);
        long topic = mia.createTopicId("general", "Unread markers", "First.");

        Element fresh = row(tomPages.page("/c/general"), topic);
        assertThat(fresh.select(".tag.new").text()).isEqualTo("New");
        tomPages.page("/t/" + topic);
        new ForumApiClient(tomPages.token()).reply(topic, "Tom's reply.").statusCode(201);
        mia.reply(topic, "Mia answers.").statusCode(201);
        mia.reply(topic, "And adds one more.").statusCode(201);

        Element unread = row(tomPages.page("/"), topic);
        assertThat(unread.select(".tag.unread").text()).isEqualTo("2 unread");
        assertThat(unread.select("a.title").attr("href")).isEqualTo("/t/" + topic + "#unread");
        Document opened = tomPages.page("/t/" + topic);
        Element marker = opened.getElementById("unread");
        assertThat(marker).isNotNull();
        assertThat(marker.parent().text()).contains("Mia answers.");
        assertThat(row(tomPages.page("/"), topic).select(".tag.unread")).isEmpty();
        assertThat(tomPages.page("/t/" + topic).getElementById("unread")).as("read to the end: no marker").isNull();
    }

    @Test
    void markAllReadAndTheLevelFormsWorkAsPlainForms() {
        PageSession ola = new PageSession(TestUsers.member(unique("ola")));
        ola.page("/");
        long topic = new ForumApiClient(TestUsers.member(unique("mia"))).createTopicId("general", "Mark me read", "Text.");
        assertThat(row(ola.page("/c/general"), topic).select(".tag.new")).hasSize(1);
        Response marked = ola.submit("/c/general", "/c/general/read", Map.of());
        assertThat(marked.statusCode()).isEqualTo(303);
        assertThat(row(ola.page("/c/general"), topic).select(".tag.new")).isEmpty();

        assertThat(ola.submit("/t/" + topic, "/t/" + topic + "/notification-level", Map.of("level", "watching")).statusCode())
                .isEqualTo(303);
        assertThat(ola.page("/t/" + topic).select("#level option[selected]").val()).isEqualTo("watching");
        assertThat(ola.submit("/c/general", "/c/general/notification-level", Map.of("level", "tracking")).statusCode())
                .isEqualTo(303);
        assertThat(ola.page("/c/general").select("#category-level option[selected]").val()).isEqualTo("tracking");
        ola.submit("/c/general", "/c/general/notification-level", Map.of("level", "normal"));
    }

    @Test
    void previewShowsWhatWouldBeStoredKeepsTheTextAndSavesNothing() { // R16
        String token = TestUsers.member(unique("mia"));
        PageSession mia = new PageSession(token);
        long topic = new ForumApiClient(token).createTopicId("general", "Preview", "First.");
        String typed = "**Bold** idea, ring 07700 900421";

        Response preview = mia.submit("/t/" + topic, "/t/" + topic + "/reply/preview", Map.of("body", typed));
        assertThat(preview.statusCode()).isEqualTo(200);
        Document page = org.jsoup.Jsoup.parse(preview.asString());
        assertThat(page.select(".preview .body strong").text()).isEqualTo("Bold");
        assertThat(page.select(".preview .body").text()).contains("[number removed]").doesNotContain("900421");
        assertThat(page.select("textarea#body").val()).isEqualTo(typed);
        assertThat(new ForumApiClient(token).topic(topic).extract().jsonPath().getList("posts")).hasSize(1);

        Response newTopic = mia.submit("/new-topic", "/new-topic/preview",
                Map.of("category", "general", "title", "Not yet", "body", "_Soon_"));
        Document form = org.jsoup.Jsoup.parse(newTopic.asString());
        assertThat(form.select(".preview em").text()).isEqualTo("Soon");
        assertThat(form.select("#title").val()).isEqualTo("Not yet");

        long post = new ForumApiClient(token).topic(topic).extract().jsonPath().getLong("posts[0].id");
        Document edit = org.jsoup.Jsoup.parse(mia.submit("/p/" + post + "/edit", "/p/" + post + "/edit/preview",
                Map.of("body", "# Changed")).asString());
        assertThat(edit.select(".preview h1").text()).isEqualTo("Changed");
        assertThat(new ForumApiClient(token).topic(topic).extract().jsonPath().getString("posts[0].body")).isEqualTo("First.");
    }

    @Test
    void saveDraftKeepsTheReplyBoxAcrossVisits() {
        String token = TestUsers.member(unique("mia"));
        PageSession mia = new PageSession(token);
        long topic = new ForumApiClient(token).createTopicId("general", "Drafts on the page", "First.");
        Response saved = mia.submit("/t/" + topic, "/t/" + topic + "/reply/draft", Map.of("body", "Half a thought, 07700 900422"));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(org.jsoup.Jsoup.parse(saved.asString()).select("#reply-notice").text()).startsWith("Draft saved");
        assertThat(mia.page("/t/" + topic).select("textarea#body").val()).isEqualTo("Half a thought, [number removed]");

        assertThat(mia.submit("/t/" + topic, "/t/" + topic + "/reply", Map.of("body", "Whole thought.")).statusCode())
                .isEqualTo(303);
        assertThat(mia.page("/t/" + topic).select("textarea#body").val()).isEmpty();

        mia.submit("/new-topic", "/new-topic/draft", Map.of("category", "general", "title", "Later", "body", "Someday"));
        Document again = mia.page("/new-topic?category=general");
        assertThat(again.select("#title").val()).isEqualTo("Later");
        assertThat(again.select("textarea#body").val()).isEqualTo("Someday");

        // a draft needs no title yet: the browser does not ask for one first, and the server keeps it
        assertThat(again.select("button[formaction=/new-topic/draft]").hasAttr("formnovalidate")).isTrue();
        Response untitled = mia.submit("/new-topic", "/new-topic/draft", Map.of("category", "general", "title", "", "body",
                "Thoughts before a title"));
        assertThat(untitled.statusCode()).isEqualTo(200);
        assertThat(mia.page("/new-topic?category=general").select("textarea#body").val()).isEqualTo("Thoughts before a title");
    }

    @Test
    void anAuthorDeletesTheirReplyFromThePageAndReadersSeeEarlierVersions() {
        String miaToken = TestUsers.member(unique("mia"));
        String tomToken = TestUsers.member(unique("tom"));
        ForumApiClient mia = new ForumApiClient(miaToken);
        long topic = mia.createTopicId("general", "Delete and revisions", "Version one");
        long first = mia.topic(topic).extract().jsonPath().getLong("posts[0].id");
        mia.edit(first, "Version two").statusCode(200);
        long reply = new ForumApiClient(tomToken).reply(topic, "Tom's reply").statusCode(201).extract().jsonPath().getLong("id");

        PageSession tom = new PageSession(tomToken);
        Document page = tom.page("/t/" + topic);
        assertThat(page.select("#post-" + reply + " form[action=/p/" + reply + "/delete]")).hasSize(1);
        assertThat(page.select("#post-" + first + " form[action$=/delete]")).as("first post, someone else's").isEmpty();
        Element edited = page.select("#post-" + first + " a[href=/posts/" + first + "/revisions]").first();
        assertThat(edited).isNotNull();
        assertThat(edited.text()).isEqualTo("edited");
        Document revisions = tom.page("/posts/" + first + "/revisions");
        assertThat(revisions.select(".revision-text").text()).isEqualTo("Version one");

        assertThat(tom.submit("/t/" + topic, "/p/" + reply + "/delete", Map.of()).statusCode()).isEqualTo(303);
        Element deleted = tom.page("/t/" + topic).getElementById("post-" + reply);
        assertThat(deleted.text()).contains("Deleted by its author.").doesNotContain("Tom's reply");
    }
}
