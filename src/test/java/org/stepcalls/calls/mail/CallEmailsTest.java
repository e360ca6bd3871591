package org.stepcalls.calls.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.FreshLetters;
import org.stepcalls.calls.CallPurge;
import org.stepcalls.calls.CoordinatorDigest;
import org.stepcalls.calls.OverdueCalls;
import org.stepcalls.calls.api.CallFixtures;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.mail.MailSender;
import org.stepcalls.platform.mail.Mailbox;
import org.stepcalls.platform.mail.Mailbox.Received;
import org.stepcalls.platform.mail.PlantedCaller;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The calls board's e-mails (R15): the opener hears of an overdue call and of a nudge, coordinators
 * get a digest — each once, to the right person, and never with anything of the caller in it (R16).
 */
@QuarkusTest
class CallEmailsTest {

    @Inject
    OverdueCalls overdue;

    @Inject
    CoordinatorDigest digest;

    @Inject
    MailSender sender;

    @Inject
    EntityManager entityManager;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Inject
    org.stepcalls.volunteers.VolunteerTasks tasks;

    @Test
    void anOverdueCallAndANudgeEachMailTheOpenerOnceAndNobodyElse() {
        String opener = unique("olive");
        String coordinator = unique("conrad");
        String bystander = unique("bea");
        ForumApiClient helpliner = new ForumApiClient(TestUsers.helpliner(opener));
        new ForumApiClient(TestUsers.helpliner(bystander)).get("/api/me/notification-settings").statusCode(200);
        long call = plantedCall(helpliner);
        int number = callNumber(call);
        makeQuiet(call);

        overdue.remindOpeners();
        overdue.remindOpeners(); // the reminder is unread: no second one, no second mail
        new ForumApiClient(TestUsers.coordinator(coordinator)).post("/api/calls/" + call + "/nudge", null).statusCode(200);
        sender.sendDue();

        List<Received> mails = Mailbox.to(TestUsers.email(opener));
        assertThat(mails).extracting(Received::subject).containsExactlyInAnyOrder(
                "NA Helpline: A call you opened needs an update", "NA Helpline: A coordinator asks for an update");
        Received nudge = mails.stream().filter(m -> m.subject().contains("coordinator")).findFirst().orElseThrow();
        assertThat(nudge.text()).contains("A coordinator asks for an update on call " + number + " (")
                .contains("http://localhost:8081/calls/" + call);
        Received reminder = mails.stream().filter(m -> m.subject().contains("needs an update")).findFirst().orElseThrow();
        assertThat(reminder.text()).containsPattern("Call " + number + " \\(.+ area\\) has had no update from you for 24 h");
        assertThat(Mailbox.to(TestUsers.email(coordinator))).isEmpty();
        assertThat(Mailbox.to(TestUsers.email(bystander))).isEmpty();
        mails.forEach(mail -> assertThat(PlantedCaller.foundIn(mail.all())).isEmpty());
    }

    @Test
    void coordinatorsGetOneDigestOfOverdueCallsAtMostEachIntervalAndNoneWhenThereIsNothing() {
        String coordinator = unique("dora");
        String member = unique("milo");
        ForumApiClient coordinatorClient = new ForumApiClient(TestUsers.coordinator(coordinator));
        coordinatorClient.get("/api/me/notification-settings").statusCode(200);
        new ForumApiClient(TestUsers.member(member)).get("/api/me/notification-settings").statusCode(200);
        String opener = unique("otto");
        long call = plantedCall(new ForumApiClient(TestUsers.helpliner(opener)));
        int number = callNumber(call);

        sql("UPDATE calls SET last_opener_activity_at = now() WHERE closed_at IS NULL"); // nothing overdue
        sql("DELETE FROM volunteer_tasks WHERE done_at IS NULL"); // and no open list task (other tests raise some)
        sql("DELETE FROM mail_runs");
        assertThat(digest.send()).isZero();
        sender.sendDue();
        assertThat(Mailbox.to(TestUsers.email(coordinator))).isEmpty();

        makeQuiet(call);
        assertThat(digest.send()).isZero(); // this interval's run has been claimed: at most one per interval
        sql("DELETE FROM mail_runs");
        assertThat(digest.send()).isPositive();
        sender.sendDue();

        List<Received> digests = Mailbox.to(TestUsers.email(coordinator));
        assertThat(digests).hasSize(1);
        assertThat(digests.get(0).subject()).isEqualTo("NA Helpline: Overdue calls and open tasks");
        assertThat(digests.get(0).text()).contains("Overdue calls:").containsPattern("Call " + number + " \\(.+ area\\), opened by "
                + opener + ": no update for 2\\d h").contains("http://localhost:8081/calls/overdue");
        assertThat(PlantedCaller.foundIn(digests.get(0).all())).isEmpty();
        assertThat(Mailbox.to(TestUsers.email(member))).isEmpty();
        assertThat(Mailbox.to(TestUsers.email(opener))).noneMatch(m -> m.subject().contains("Overdue calls"));
    }

    @Test
    void theDigestCountsOpenListTasksAndNamesNobody() { // R9, R13: whom a task is about is for /tasks, not a mailbox
        String coordinator = unique("dilys");
        new ForumApiClient(TestUsers.coordinator(coordinator)).get("/api/me/notification-settings").statusCode(200);
        sql("UPDATE calls SET last_opener_activity_at = now() WHERE closed_at IS NULL"); // nothing overdue
        sql("DELETE FROM volunteer_tasks WHERE done_at IS NULL");
        long helpliner = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT min(id) FROM accounts").getSingleResult()).longValue());
        QuarkusTransaction.requiringNew().run(() -> {
            tasks.sendListForm(org.stepcalls.platform.security.Viewer.of(helpliner,
                    org.stepcalls.platform.security.Role.HELPLINER), "Ffion");
            tasks.sendListForm(org.stepcalls.platform.security.Viewer.of(helpliner,
                    org.stepcalls.platform.security.Role.HELPLINER), "Gethin");
        });
        long meeting = new ForumApiClient(org.stepcalls.volunteers.api.ListFixtures.coordinator()).post("/api/meetings", Map.of(
                "name", "Lighthouse", "areaId", ListFixtures.area(ListFixtures.origin(), 0), "weekday", "tuesday", "time", "19:00",
                "contactName", "Iolo", "contactPhone", org.stepcalls.privacy.DramaNumbers.mobile())).statusCode(201).extract()
                .jsonPath().getLong("id");
        sql("INSERT INTO volunteer_tasks (kind, meeting_id, created_at) VALUES ('check_meeting_contact', " + meeting + ", now())");
        sql("DELETE FROM mail_runs");
        assertThat(digest.send()).isPositive();
        sender.sendDue();
        List<Received> digests = Mailbox.to(TestUsers.email(coordinator));
        assertThat(digests).hasSize(1);
        assertThat(digests.get(0).text()).contains("Open 12th Step list tasks").contains("2 12th Step list forms to send")
                .contains("1 meeting contact to check (someone left the list)").doesNotContain("Overdue calls:");
        assertThat(digests.get(0).all()).doesNotContain("Ffion").doesNotContain("Gethin").doesNotContain("Lighthouse")
                .doesNotContain("Iolo");
        sql("DELETE FROM volunteer_tasks WHERE done_at IS NULL");
    }

    @Test
    void aCoordinatorWhoTurnedTheDigestOffGetsNone() {
        String coordinator = unique("dexter");
        new ForumApiClient(TestUsers.coordinator(coordinator)).put("/api/me/notification-settings", Map.of("digest", false))
                .statusCode(200);
        makeQuiet(plantedCall(new ForumApiClient(TestUsers.helpliner(unique("opal")))));
        sql("DELETE FROM mail_runs");
        digest.send();
        sender.sendDue();
        assertThat(Mailbox.to(TestUsers.email(coordinator))).isEmpty();
    }

    /** R16: the caller's name, number and notes, and advice naming them, reach no e-mail. */
    @Test
    void aPlantedCallersNameNumberAndNotesReachNoMail() {
        String opener = unique("ophelia");
        String adviser = unique("abe");
        String coordinator = unique("cyril");
        new ForumApiClient(TestUsers.coordinator(coordinator)).get("/api/me/notification-settings").statusCode(200);
        ForumApiClient helpliner = new ForumApiClient(TestUsers.helpliner(opener));
        long call = plantedCall(helpliner);
        Map<String, Object> attempt = new java.util.HashMap<>(Map.of("contactType", "group", "result", "no_answer",
                "checks", Map.of("cleanTime", false, "willing", false, "knowsGuidelines", false), "invitedToList", false,
                "notes", PlantedCaller.FIRST_NAME + ": " + PlantedCaller.NOTE));
        attempt.put("contactType", "volunteer");
        attempt.put("volunteerId", ListFixtures.addId(ListFixtures.volunteer("Vera", "female",
                ListFixtures.area(ListFixtures.origin(), 0))));
        helpliner.post("/api/calls/" + call + "/attempts", attempt).statusCode(201);
        new ForumApiClient(TestUsers.helpliner(adviser)).reply(call, "Ask " + PlantedCaller.FIRST_NAME
                + " about the " + PlantedCaller.NOTE + ", ring " + PlantedCaller.PHONE).statusCode(201);
        makeQuiet(call);
        overdue.remindOpeners();
        new ForumApiClient(TestUsers.coordinator(coordinator)).post("/api/calls/" + call + "/nudge", null).statusCode(200);
        sql("DELETE FROM mail_runs");
        digest.send();
        sender.sendDue();

        List<Received> openers = Mailbox.to(TestUsers.email(opener));
        assertThat(openers).extracting(Received::subject).contains("NA Helpline: A new reply",
                "NA Helpline: A call you opened needs an update", "NA Helpline: A coordinator asks for an update");
        Received reply = openers.stream().filter(m -> m.subject().endsWith("A new reply")).findFirst().orElseThrow();
        assertThat(reply.text()).contains(adviser + " replied in a topic you started in 12th Step Calls.")
                .contains("http://localhost:8081/calls/" + call);
        assertThat(Mailbox.to(TestUsers.email(coordinator))).isNotEmpty();
        for (Received mail : Mailbox.all()) {
            assertThat(PlantedCaller.foundIn(mail.all())).as("mail to %s: %s", mail.to(), mail.subject()).isEmpty();
            assertThat(mail.all()).doesNotContain("Ask ").doesNotContain("Caller " + PlantedCaller.FIRST_NAME.charAt(0) + ".");
        }
    }

    /** R19: a purged call takes the e-mails still queued about it. */
    @Test
    void thePurgeRemovesMailStillQueuedAboutThePurgedCall() {
        String opener = unique("pippa");
        long call = plantedCall(new ForumApiClient(TestUsers.helpliner(opener)));
        new ForumApiClient(TestUsers.coordinator(unique("cass"))).post("/api/calls/" + call + "/nudge", null).statusCode(200);
        assertThat(queuedAbout(call)).isEqualTo(1);

        sql("UPDATE calls SET opened_at = now() - interval '31 days' WHERE topic_id = " + call);
        new ForumApiClient(TestUsers.coordinator(unique("cass"))).post("/api/admin/purge", null).statusCode(200);
        assertThat(queuedAbout(call)).isZero();
        sender.sendDue();
        assertThat(Mailbox.to(TestUsers.email(opener))).isEmpty();
    }

    /** R19: a digest names calls (number, area, opener) but belongs to none; the purge takes it, sent copy or queued. */
    @Test
    void thePurgeTakesTheCoordinatorsDigestsThatMayNameThePurgedCall() {
        String coordinator = unique("delia");
        new ForumApiClient(TestUsers.coordinator(coordinator)).get("/api/me/notification-settings").statusCode(200);
        long call = plantedCall(new ForumApiClient(TestUsers.helpliner(unique("osian"))));
        String named = "Call " + callNumber(call) + " (";
        makeQuiet(call);
        sql("DELETE FROM mail_runs");
        assertThat(digest.send()).isPositive();
        sender.sendDue(); // the first digest goes; its sent copy stays in the outbox for an hour
        sql("DELETE FROM mail_runs");
        assertThat(digest.send()).isPositive(); // the second waits in the outbox
        assertThat(digestsKeptFor(coordinator)).hasSize(2).allMatch(text -> text.contains(named));

        sql("UPDATE calls SET opened_at = now() - interval '31 days' WHERE topic_id = " + call);
        new ForumApiClient(TestUsers.coordinator(unique("cass"))).post("/api/admin/purge", null).statusCode(200);

        assertThat(digestsKeptFor(coordinator)).isEmpty();
        sender.sendDue();
        assertThat(Mailbox.to(TestUsers.email(coordinator))).hasSize(1); // the one sent before the purge; the queued one never goes
    }

    /** R19: a digest written while a purge batch removes a call waits for it, and never names that call. */
    @Test
    void aDigestWrittenWhileAPurgeBatchRemovesACallDoesNotNameIt() throws Exception {
        String coordinator = unique("dafydd");
        new ForumApiClient(TestUsers.coordinator(coordinator)).get("/api/me/notification-settings").statusCode(200);
        ForumApiClient helpliner = new ForumApiClient(TestUsers.helpliner(unique("owen")));
        long purged = plantedCall(helpliner);
        long kept = plantedCall(helpliner);
        String purgedLabel = "Call " + callNumber(purged) + " (";
        String keptLabel = "Call " + callNumber(kept) + " (";
        makeQuiet(purged);
        makeQuiet(kept);
        sql("DELETE FROM mail_runs");
        try (Connection batch = dataSource.getConnection()) { // a purge batch, part way: the call deleted, not yet committed
            batch.setAutoCommit(false);
            try (Statement statement = batch.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + CallPurge.DIGEST_FENCE + ")");
                statement.execute("DELETE FROM topics WHERE id = " + purged);
            }
            CompletableFuture<Integer> written = CompletableFuture.supplyAsync(digest::send);
            awaitAnAdvisoryLockWaiting();
            assertThat(written).as("waits for the batch").isNotDone();
            batch.commit();
            assertThat(written.get(15, TimeUnit.SECONDS)).isPositive();
        }
        assertThat(digestsKeptFor(coordinator)).singleElement()
                .satisfies(text -> assertThat(text).contains(keptLabel).doesNotContain(purgedLabel));
    }

    /** The other way round: a purge that starts while a digest is being written waits for it, then does its work. */
    @Test
    void aPurgeWhileADigestIsWrittenWaitsForItAndStillPurges() throws Exception {
        long due = plantedCall(new ForumApiClient(TestUsers.helpliner(unique("ffion"))));
        sql("UPDATE calls SET opened_at = now() - interval '31 days' WHERE topic_id = " + due);
        ForumApiClient coordinator = new ForumApiClient(TestUsers.coordinator(unique("carwyn")));
        try (Connection digesting = dataSource.getConnection()) {
            digesting.setAutoCommit(false);
            try (Statement statement = digesting.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock_shared(" + CallPurge.DIGEST_FENCE + ")");
            }
            CompletableFuture<Integer> purge = CompletableFuture.supplyAsync(
                    () -> coordinator.post("/api/admin/purge", null).statusCode(200).extract().jsonPath().getInt("purgedCalls"));
            awaitAnAdvisoryLockWaiting();
            assertThat(purge).isNotDone();
            digesting.commit();
            assertThat(purge.get(15, TimeUnit.SECONDS)).isPositive();
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM calls WHERE topic_id = ?1").setParameter(1, due).getSingleResult())
                .longValue())).isZero();
    }

    private void awaitAnAdvisoryLockWaiting() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").getSingleResult()).longValue()) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing came to wait on the fence within 15 s");
            }
            Thread.sleep(20);
        }
    }

    private List<String> digestsKeptFor(String coordinator) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT text_body FROM mail_outbox WHERE event = 'digest' AND recipient = ?1", String.class)
                .setParameter(1, TestUsers.email(coordinator)).getResultList());
    }

    private long plantedCall(ForumApiClient helpliner) {
        Map<String, Object> intake = CallFixtures.intake(ListFixtures.area(ListFixtures.origin(), 0), PlantedCaller.FIRST_NAME,
                PlantedCaller.PHONE);
        intake.put("notes", PlantedCaller.NOTE);
        return helpliner.post("/api/calls", intake).statusCode(201).extract().jsonPath().getLong("topicId");
    }

    private int callNumber(long call) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT number FROM calls WHERE topic_id = ?1").setParameter(1, call).getSingleResult())
                .intValue());
    }

    private long queuedAbout(long call) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM mail_outbox WHERE topic_id = ?1 AND sent_at IS NULL")
                .setParameter(1, call).getSingleResult()).longValue());
    }

    private void makeQuiet(long call) {
        sql("UPDATE calls SET last_opener_activity_at = now() - interval '25 hours' WHERE topic_id = " + call);
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(statement).executeUpdate());
    }

    private static String unique(String name) {
        return name + FreshLetters.of(8);
    }
}
