package org.stepcalls.forum.mail;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.stepcalls.FreshLetters;
import org.stepcalls.forum.Notifications;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.forum.web.PageSession;
import org.stepcalls.platform.mail.MailSender;
import org.stepcalls.platform.mail.Mailbox;
import org.stepcalls.platform.mail.Mailbox.Received;
import org.stepcalls.platform.mail.PlantedCaller;
import org.stepcalls.platform.security.Account;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The forum's e-mails: replies, announcements, kinds from other features, settings and unsubscribing. */
@QuarkusTest
class ForumEmailsTest {

    @Inject
    MailSender sender;

    @Inject
    Notifications notifications;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Test
    void aReplyMailsTheTopicsOpenerOnceQuotingItAndNobodyElse() {
        String opener = unique("rhoda");
        String replier = unique("ravi");
        long topic = new ForumApiClient(TestUsers.member(opener)).createTopicId("general", "Sunday meeting moved",
                "The Sunday meeting moves to the church hall.");
        long reply = new ForumApiClient(TestUsers.member(replier)).reply(topic, "Thanks, I will tell my sponsor.").statusCode(201)
                .extract().jsonPath().getLong("id");
        sender.sendDue();

        List<Received> mails = Mailbox.to(TestUsers.email(opener));
        assertThat(mails).hasSize(1);
        Received mail = mails.get(0);
        assertThat(mail.subject()).isEqualTo("NA Helpline: A new reply");
        assertThat(mail.text()).contains(replier + " replied in your topic “Sunday meeting moved”.")
                .contains("Thanks, I will tell my sponsor.").contains("http://localhost:8081/p/" + reply); // opens at the reply's page
        assertThat(mail.html()).contains("Thanks, I will tell my sponsor.").contains("name=\"viewport\"");
        assertThat(mail.listUnsubscribe()).matches("<http://localhost:8081/unsubscribe/\\d+\\.replies\\.[A-Za-z0-9_-]{43}>");
        assertThat(mail.listUnsubscribePost()).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(Mailbox.to(TestUsers.email(replier))).isEmpty(); // nobody is told of their own reply
    }

    /** As Discourse: replies to a topic the opener has not looked at since are one notification and one e-mail. */
    @Test
    void repliesNotYetSeenCollapseIntoOneNotificationAndOneMailUntilTheTopicIsRead() throws InterruptedException {
        String opener = unique("rosalind");
        ForumApiClient openerClient = new ForumApiClient(TestUsers.member(opener));
        ForumApiClient replier = new ForumApiClient(TestUsers.member(unique("rufus")));
        long topic = openerClient.createTopicId("general", "Car share to the convention", "Who is driving on Saturday?");
        replier.reply(topic, "I am, two seats left.").statusCode(201);
        sender.sendDue();
        for (String more : List.of("Make that one seat.", "Leaving at eight.", "From the station car park.")) {
            replier.reply(topic, more).statusCode(201);
        }
        sender.sendDue();

        List<Map<String, Object>> told = repliesIn(openerClient, topic);
        assertThat(told).hasSize(1);
        assertThat(told.get(0).get("text")).isEqualTo("4 new replies in your topic “Car share to the convention”.");
        assertThat(Mailbox.to(TestUsers.email(opener))).hasSize(1);

        // reading the topic marks it read (its reading position is written within a moment), so the next reply is told anew
        openerClient.topic(topic).statusCode(200);
        long deadline = System.currentTimeMillis() + 10_000;
        while (!(Boolean) repliesIn(openerClient, topic).get(0).get("read") && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(repliesIn(openerClient, topic).get(0).get("read")).isEqualTo(true);
        replier.reply(topic, "See you there.").statusCode(201);
        sender.sendDue();
        assertThat(repliesIn(openerClient, topic)).hasSize(2);
        assertThat(Mailbox.to(TestUsers.email(opener))).hasSize(2);
    }

    /** The first reply hidden takes its mail with it: the next one is told and mailed on its own, not collapsed into it. */
    @Test
    void aReplyAfterAHiddenOneIsToldAndMailedOnItsOwn() {
        String opener = unique("philippa");
        ForumApiClient openerClient = new ForumApiClient(TestUsers.member(opener));
        ForumApiClient replier = new ForumApiClient(TestUsers.member(unique("piers")));
        ForumApiClient coordinator = new ForumApiClient(TestUsers.coordinator(unique("cosima")));
        long topic = openerClient.createTopicId("general", "Tea urn for the hall", "Who has the urn?");
        long hidden = replier.reply(topic, "Off-topic rant about parking.").statusCode(201).extract().jsonPath().getLong("id");
        coordinator.post("/api/posts/" + hidden + "/hide", Map.of("reason", "Off topic.")).statusCode(200);
        replier.reply(topic, "I have the urn, will bring it.").statusCode(201);
        sender.sendDue();

        assertThat(repliesIn(openerClient, topic)).hasSize(2);
        List<Received> mails = Mailbox.to(TestUsers.email(opener));
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).text()).contains("I have the urn").doesNotContain("parking");
    }

    private static List<Map<String, Object>> repliesIn(ForumApiClient person, long topic) {
        List<Map<String, Object>> all = person.get("/api/notifications").statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(n -> "reply".equals(n.get("kind")) && ((Number) n.get("topicId")).longValue() == topic).toList();
    }

    @Test
    void aReplyInHelplinersSaysOnlyThatSomethingHappened() {
        String opener = unique("hattie");
        String replier = unique("hank");
        long topic = new ForumApiClient(TestUsers.helpliner(opener)).createTopicId("helpliners",
                "About " + PlantedCaller.FIRST_NAME, "Who can ring back tonight?");
        long reply = new ForumApiClient(TestUsers.helpliner(replier)).reply(topic,
                PlantedCaller.FIRST_NAME + " said: " + PlantedCaller.NOTE).statusCode(201).extract().jsonPath().getLong("id");
        sender.sendDue();

        Received mail = Mailbox.to(TestUsers.email(opener)).get(0);
        assertThat(mail.text()).contains(replier + " replied in a topic you started in Helpliners.").contains("/p/" + reply);
        assertThat(PlantedCaller.foundIn(mail.all())).isEmpty();
        assertThat(mail.all()).doesNotContain("ring back tonight");
    }

    @Test
    void anAnnouncementMailsOnlyThoseWhoTurnedAnnouncementsOn() {
        String keen = unique("kit");
        String quiet = unique("quentin");
        ForumApiClient keenClient = new ForumApiClient(TestUsers.member(keen));
        keenClient.put("/api/me/notification-settings", Map.of("announcements", true)).statusCode(200);
        new ForumApiClient(TestUsers.member(quiet)).get("/api/me/notification-settings").statusCode(200)
                .extract().jsonPath().getBoolean("announcements"); // signed in once, defaults kept (off)
        String coordinator = unique("cora");
        new ForumApiClient(TestUsers.coordinator(coordinator)).createTopicId("announcements", "New helpline rota",
                "The December rota is on the board.");
        sender.sendDue();

        List<Received> mails = Mailbox.to(TestUsers.email(keen));
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).text()).contains("New announcement: “New helpline rota”.").contains("December rota");
        assertThat(Mailbox.to(TestUsers.email(quiet))).isEmpty();
        assertThat(Mailbox.to(TestUsers.email(coordinator))).isEmpty();
    }

    /** Discourse skips a notification e-mail whose post is gone: a queued one may quote what was taken back. */
    @Test
    void aReplyHiddenOrDeletedBeforeItsMailGoesIsNeverMailed() {
        String opener = unique("olive");
        ForumApiClient replier = new ForumApiClient(TestUsers.member(unique("rex")));
        ForumApiClient reader = new ForumApiClient(TestUsers.member(unique("rae")));
        ForumApiClient coordinator = new ForumApiClient(TestUsers.coordinator(unique("colm")));
        ForumApiClient openerClient = new ForumApiClient(TestUsers.member(opener));
        long deleted = replyIn(openerClient, replier, "Deleted by its author");
        long hidden = replyIn(openerClient, replier, "Hidden by a coordinator");
        long flagged = replyIn(openerClient, replier, "Flagged for personal details");
        replyIn(openerClient, replier, "Left alone");
        replier.delete("/api/posts/" + deleted).statusCode(204);
        coordinator.post("/api/posts/" + hidden + "/hide", Map.of("reason", "Off topic.")).statusCode(200);
        reader.post("/api/posts/" + flagged + "/flags", Map.of("reason", "personal_details")).statusCode(201)
                .body("hidden", org.hamcrest.Matchers.is(true));
        sender.sendDue();

        List<Received> mails = Mailbox.to(TestUsers.email(opener));
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).text()).contains("Reply to “Left alone”: more detail than intended.");
        assertThat(String.join("\n", mails.stream().map(Received::all).toList()))
                .doesNotContain("Deleted by its author").doesNotContain("Hidden by a coordinator")
                .doesNotContain("Flagged for personal details");
        // the in-app notifications stay: the page shows what is left of each post
        openerClient.get("/api/notifications").body("findAll { it.kind == 'reply' }.size()", org.hamcrest.Matchers.is(4));
    }

    /** The sender holds a batch while SMTP takes it; a hide then does not wait, and a failed send is not retried. */
    @Test
    void aMailTheSenderHeldWhenItsPostWasHiddenIsNeverSentLater() throws Exception {
        String opener = unique("odile");
        ForumApiClient replier = new ForumApiClient(TestUsers.member(unique("ross")));
        long reply = replyIn(new ForumApiClient(TestUsers.member(opener)), replier, "Car park",
                "Behind the hall, next to Olive's house.");
        List<Long> held = whileTheSenderHoldsTheMailsOf(reply, () -> new ForumApiClient(TestUsers.coordinator(unique("cyd")))
                .post("/api/posts/" + reply + "/hide", Map.of("reason", "Names a member's home.")).statusCode(200));
        assertThat(held).hasSize(1);
        sender.sendDue();
        assertThat(Mailbox.to(TestUsers.email(opener))).isEmpty();
        assertThat(count("SELECT count(*) FROM mail_outbox WHERE post_id = ?1", reply)).isZero(); // and it is not kept
        assertThat(count("SELECT count(*) FROM mail_withdrawn WHERE mail_id = ?1", held.get(0))).isZero(); // nor its mark
    }

    /** An edit while the sender holds the mails: the one quoting the old words never goes, the watcher's still does. */
    @Test
    void anEditWhileTheSenderHeldTheMailsTakesBackOnlyTheQuotingOne() throws Exception {
        String opener = unique("ottilie");
        String watcher = unique("wendell");
        ForumApiClient replier = new ForumApiClient(TestUsers.member(unique("rory")));
        long topic = new ForumApiClient(TestUsers.member(opener)).createTopicId("general", "Minibus", "Who drives?");
        new ForumApiClient(TestUsers.member(watcher)).put("/api/topics/" + topic + "/notification-level",
                Map.of("level", "watching")).statusCode(200);
        long reply = replier.reply(topic, "Olive, from Mill Lane.").statusCode(201).extract().jsonPath().getLong("id");
        List<Long> held = whileTheSenderHoldsTheMailsOf(reply, () -> replier.edit(reply, "Olive.").statusCode(200));
        assertThat(held).hasSize(2);
        sender.sendDue();
        assertThat(Mailbox.to(TestUsers.email(opener))).isEmpty();
        assertThat(Mailbox.to(TestUsers.email(watcher))).hasSize(1);
    }

    /**
     * Locks the post's queued mails as the sender does while SMTP takes them, runs {@code meanwhile}, then fails the
     * send. {@code meanwhile} must not wait for the held mails: it fails after a few seconds instead of hanging.
     */
    private List<Long> whileTheSenderHoldsTheMailsOf(long post, Runnable meanwhile) throws Exception {
        List<Long> held = new java.util.ArrayList<>();
        try (java.sql.Connection sending = dataSource.getConnection()) {
            sending.setAutoCommit(false);
            try (java.sql.PreparedStatement claim = sending.prepareStatement(
                    "SELECT id FROM mail_outbox WHERE post_id = ? FOR UPDATE")) {
                claim.setLong(1, post);
                try (java.sql.ResultSet row = claim.executeQuery()) {
                    while (row.next()) {
                        held.add(row.getLong(1));
                    }
                }
            }
            java.util.concurrent.ExecutorService aside = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                aside.submit(meanwhile).get(15, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("waited for the mails the sender holds", e);
            } finally {
                sending.rollback(); // the send failed: the rows are still queued
                aside.shutdown();
            }
        }
        return held;
    }

    private static long count(String sql, long parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Account.getEntityManager().createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }

    @Test
    void anAnnouncementEditedBeforeItsMailGoesIsNotMailedInItsOldWords() {
        String keen = unique("kay");
        new ForumApiClient(TestUsers.member(keen)).put("/api/me/notification-settings", Map.of("announcements", true))
                .statusCode(200);
        ForumApiClient coordinator = new ForumApiClient(TestUsers.coordinator(unique("carys")));
        long topic = coordinator.createTopicId("announcements", "Rota change", "Ring Olive at home about the rota.");
        long first = coordinator.topic(topic).statusCode(200).extract().jsonPath().getLong("posts[0].id");
        coordinator.edit(first, "Ask the coordinators about the rota.").statusCode(200);
        sender.sendDue();
        assertThat(Mailbox.to(TestUsers.email(keen))).isEmpty();
    }

    @Test
    void anEditedReplyTakesBackOnlyTheMailsThatQuoteIt() {
        String opener = unique("otto");
        String watcher = unique("wilma");
        ForumApiClient replier = new ForumApiClient(TestUsers.member(unique("reg")));
        long topic = new ForumApiClient(TestUsers.member(opener)).createTopicId("general", "Convention lifts",
                "Who can drive?");
        new ForumApiClient(TestUsers.member(watcher)).put("/api/topics/" + topic + "/notification-level",
                Map.of("level", "watching")).statusCode(200);
        long reply = replier.reply(topic, "Olive can, she lives on Mill Lane.").statusCode(201).extract().jsonPath()
                .getLong("id");
        replier.edit(reply, "Olive can.").statusCode(200);
        sender.sendDue();

        assertThat(Mailbox.to(TestUsers.email(opener))).isEmpty(); // it quoted the words taken back
        List<Received> watching = Mailbox.to(TestUsers.email(watcher)); // it quoted nothing: still told
        assertThat(watching).hasSize(1);
        assertThat(watching.get(0).all()).contains("New post (#2) in topic " + topic).doesNotContain("Mill Lane");
    }

    @Test
    void anEditLeavingTheTextAsItWasKeepsTheMail() {
        String opener = unique("oona");
        ForumApiClient replier = new ForumApiClient(TestUsers.member(unique("rudi")));
        long reply = replyIn(new ForumApiClient(TestUsers.member(opener)), replier, "Keys", "I have them.");
        replier.edit(reply, "I have them.").statusCode(200);
        sender.sendDue();
        assertThat(Mailbox.to(TestUsers.email(opener))).hasSize(1);
    }

    @Test
    void anErasedMembersQueuedRepliesAreNotMailedWithTheirName() {
        String opener = unique("orla");
        String leaving = unique("lenny");
        long topic = new ForumApiClient(TestUsers.member(opener)).createTopicId("general", "Service meeting",
                "Who is coming?");
        new ForumApiClient(TestUsers.member(leaving)).reply(topic, "I am.").statusCode(201);
        given().header("Authorization", TestUsers.bearer(TestUsers.member(leaving))).delete("/api/me").then().statusCode(204);
        sender.sendDue();
        assertThat(Mailbox.to(TestUsers.email(opener))).isEmpty();
    }

    @Test
    void anErasureWhileTheSenderHeldTheMailsNeitherWaitsForThemNorLetsThemGo() throws Exception { // GDPR Art. 17
        String opener = unique("olwen");
        String leaving = unique("lorcan");
        long reply = replyIn(new ForumApiClient(TestUsers.member(opener)), new ForumApiClient(TestUsers.member(leaving)),
                "Tea rota", "I can do Thursdays.");
        List<Long> held = whileTheSenderHoldsTheMailsOf(reply, () -> given()
                .header("Authorization", TestUsers.bearer(TestUsers.member(leaving))).delete("/api/me").then().statusCode(204));
        assertThat(held).hasSize(1);
        sender.sendDue();
        assertThat(Mailbox.to(TestUsers.email(opener))).as("a mail naming the erased member").isEmpty();
        assertThat(count("SELECT count(*) FROM mail_outbox WHERE post_id = ?1", reply)).isZero();
    }

    private static long replyIn(ForumApiClient opener, ForumApiClient replier, String title) {
        return replyIn(opener, replier, title, "Reply to “" + title + "”: more detail than intended.");
    }

    /** A topic of the opener's with one reply; returns the reply's id. */
    private static long replyIn(ForumApiClient opener, ForumApiClient replier, String title, String reply) {
        long topic = opener.createTopicId("general", title, "Topic: " + title + ".");
        return replier.reply(topic, reply).statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void kindsOtherFeaturesWriteAreMailedByTheirSetting() {
        String helpliner = unique("esme");
        ForumApiClient client = new ForumApiClient(TestUsers.helpliner(helpliner));
        client.put("/api/me/notification-settings", Map.of("mentions", false)).statusCode(200);
        long account = accountOf(helpliner);
        QuarkusTransaction.requiringNew().run(() -> {
            notifications.notify(account, null, "expiry_warning", "Call 1234 (Leeds area) will be purged unclosed in 3 days.");
            notifications.notify(account, null, "mention", "Someone mentioned you.");
            notifications.notify(account, null, "like", "Someone liked your post.");
        });
        sender.sendDue();

        List<Received> mails = Mailbox.to(TestUsers.email(helpliner));
        assertThat(mails).extracting(Received::subject).containsExactly("NA Helpline: A call you opened will be purged soon");
        assertThat(mails.get(0).text()).contains("Call 1234 (Leeds area) will be purged unclosed in 3 days.");
    }

    @Test
    void aPersonWithoutAnAddressGetsTheNotificationButNoMail() {
        String silent = unique("sol");
        long topic = new ForumApiClient(TestUsers.withoutEmail(silent, "member")).createTopicId("general", "Tea rota",
                "Who brings the milk?");
        new ForumApiClient(TestUsers.member(unique("milly"))).reply(topic, "I will.").statusCode(201);
        sender.sendDue();
        new ForumApiClient(TestUsers.withoutEmail(silent, "member")).get("/api/notifications").statusCode(200)
                .body("kind", org.hamcrest.Matchers.hasItem("reply"));
        assertThat(Mailbox.all()).noneMatch(m -> m.to().startsWith(silent.toLowerCase()));
    }

    @Test
    void settingsDefaultToCallEventsAndRepliesOnAndChangeOneAtATime() {
        ForumApiClient client = new ForumApiClient(TestUsers.helpliner(unique("sasha")));
        client.get("/api/me/notification-settings").statusCode(200)
                .body("overdue", org.hamcrest.Matchers.is(true)).body("nudge", org.hamcrest.Matchers.is(true))
                .body("expiryWarning", org.hamcrest.Matchers.is(true)).body("digest", org.hamcrest.Matchers.is(true))
                .body("replies", org.hamcrest.Matchers.is(true)).body("mentions", org.hamcrest.Matchers.is(true))
                .body("announcements", org.hamcrest.Matchers.is(false));
        client.put("/api/me/notification-settings", Map.of("replies", false)).statusCode(200)
                .body("replies", org.hamcrest.Matchers.is(false)).body("nudge", org.hamcrest.Matchers.is(true));
        client.get("/api/me/notification-settings").body("replies", org.hamcrest.Matchers.is(false));
        given().get("/api/me/notification-settings").then().statusCode(401);
    }

    @Test
    void aReplyIsNotMailedToSomeoneWhoTurnedRepliesOffOnTheSettingsPage() {
        String opener = unique("petra");
        PageSession page = new PageSession(TestUsers.member(opener));
        Document settings = page.page("/me/notifications");
        assertThat(settings.select("input[type=checkbox][name=replies]").hasAttr("checked")).isTrue();
        assertThat(settings.select("input[name=nudge]")).isEmpty(); // a member gets no call e-mails: not offered
        assertThat(settings.text()).contains(TestUsers.email(opener));
        Response form = page.get("/me/notifications");
        Response saved = given().redirects().follow(false).header("Authorization", TestUsers.bearer(TestUsers.member(opener)))
                .cookie(PageSession.CSRF_COOKIE, form.getCookie(PageSession.CSRF_COOKIE))
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", Jsoup.parse(form.asString()).select("input[name=csrf-token]").first().val())
                .formParam("shown", "replies", "mentions", "announcements")
                .formParam("mentions", "true").post("/me/notifications");
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(page.page("/me/notifications").select("input[name=replies]").hasAttr("checked")).isFalse();

        long topic = new ForumApiClient(TestUsers.member(opener)).createTopicId("general", "Quiet please", "Just reading.");
        new ForumApiClient(TestUsers.member(unique("roy"))).reply(topic, "Noted.").statusCode(201);
        sender.sendDue();
        assertThat(Mailbox.to(TestUsers.email(opener))).isEmpty();
        new ForumApiClient(TestUsers.member(opener)).get("/api/notifications").body("kind", org.hamcrest.Matchers.hasItem("reply"));
    }

    @Test
    void theUnsubscribeLinkAsksFirstThenOneClickTurnsTheEventOffWithoutSignInOrCsrf() {
        String opener = unique("uma");
        String link = unsubscribeLinkAfterAReply(opener);
        String path = link.replace("http://localhost:8081", "");

        Document confirm = Jsoup.parse(given().get(path).then().statusCode(200).extract().asString());
        assertThat(confirm.text()).contains("a new reply");
        assertThat(settingsOf(opener).getBoolean("replies")).isTrue(); // opening the link alone changes nothing

        // what a mail client sends (RFC 8058): a form POST, no cookie, no CSRF token, no sign-in
        Response oneClick = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("List-Unsubscribe", "One-Click").post(path);
        assertThat(oneClick.statusCode()).isEqualTo(303);
        assertThat(oneClick.getHeader("Content-Security-Policy")).isNotNull();
        assertThat(settingsOf(opener).getBoolean("replies")).isFalse();
        assertThat(settingsOf(opener).getBoolean("mentions")).isTrue();
        assertThat(given().get(oneClick.getHeader("Location")).then().statusCode(200).extract().asString())
                .contains("You will no longer get e-mails for");
    }

    @Test
    void aForgedOrAlteredUnsubscribeLinkIsRefused() {
        String opener = unique("fern");
        String path = unsubscribeLinkAfterAReply(opener).replace("http://localhost:8081", "");
        String token = path.substring("/unsubscribe/".length());
        String[] parts = token.split("\\.");
        String otherAccount = (Long.parseLong(parts[0]) + 1) + "." + parts[1] + "." + parts[2];
        String otherEvent = parts[0] + ".mentions." + parts[2];
        String flipped = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? 'B' : 'A') + parts[2].substring(1);

        for (String forged : List.of(otherAccount, otherEvent, flipped)) {
            given().contentType("application/x-www-form-urlencoded").formParam("List-Unsubscribe", "One-Click")
                    .post("/unsubscribe/" + forged).then().statusCode(403)
                    .body("error", org.hamcrest.Matchers.is("forged_link"));
            given().get("/unsubscribe/" + forged).then().statusCode(403);
        }
        given().post("/unsubscribe/not-a-link").then().statusCode(400).body("error", org.hamcrest.Matchers.is("invalid_link"));
        given().get("/unsubscribe/not-a-link").then().statusCode(400);
        assertThat(settingsOf(opener).getBoolean("replies")).isTrue();
        assertThat(settingsOf(opener).getBoolean("mentions")).isTrue();
    }

    @Test
    void theDevMailPageIsNotPartOfAnyOtherBuild() {
        given().get("/dev/mails").then().statusCode(404);
    }

    private String unsubscribeLinkAfterAReply(String opener) {
        long topic = new ForumApiClient(TestUsers.member(opener)).createTopicId("general", "Literature order",
                "Basic Texts are in.");
        new ForumApiClient(TestUsers.member(unique("lou"))).reply(topic, "Great.").statusCode(201);
        sender.sendDue();
        Received mail = Mailbox.to(TestUsers.email(opener)).get(0);
        String header = mail.listUnsubscribe();
        assertThat(mail.text()).contains(header.substring(1, header.length() - 1));
        return header.substring(1, header.length() - 1);
    }

    private static io.restassured.path.json.JsonPath settingsOf(String name) {
        return new ForumApiClient(TestUsers.member(name)).get("/api/me/notification-settings").statusCode(200).extract()
                .jsonPath();
    }

    private static long accountOf(String name) {
        return QuarkusTransaction.requiringNew().call(() -> Account.<Account> find("subject", "sub-" + name).firstResult().id);
    }

    /** A person no other test has used, so their mailbox holds only this test's mail. */
    static String unique(String name) {
        return name + FreshLetters.of(8);
    }
}
