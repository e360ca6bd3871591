package org.stepcalls.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.FreshLetters;
import org.stepcalls.forum.Notifications;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.Account;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.platform.time.AppClock;
import org.stepcalls.platform.time.MovableClock;

import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The outbox loses nothing and sends nothing twice: SMTP down and back, two senders at once, a rolled-back event. */
@QuarkusTest
class OutboxDeliveryTest {

    @Inject
    MailSender sender;

    @Inject
    Notifications notifications;

    @Inject
    MailOutbox outbox;

    @Inject
    EntityManager entityManager;

    @Inject
    Mailer mailer;

    @Inject
    MailSettings settings;

    @Inject
    AppClock appClock;

    @Test
    void mailWrittenWhileSmtpIsDownIsDeliveredOnceItIsBackExactlyOnce() {
        MovableClock clock = MovableClock.install();
        List<String> openers = List.of(unique("sten"), unique("sara"), unique("seb"));
        Mailbox.stopSmtp();
        try {
            for (String opener : openers) {
                replyToATopicOf(opener);
            }
            sender.sendDue();
            sender.sendDue();
            assertThat(queuedFor(openers)).isEqualTo(3); // nothing lost
        } finally {
            Mailbox.startSmtp();
        }
        // retries back off; let the clock pass them, as the scheduler's later runs would
        OffsetDateTime later = OffsetDateTime.now();
        for (int run = 0; run < 6 && queuedFor(openers) > 0; run++) {
            later = later.plus(Duration.ofMinutes(61));
            clock.set(later);
            sender.sendDue();
        }
        sender.sendDue();
        clock.reset();

        for (String opener : openers) {
            assertThat(Mailbox.to(TestUsers.email(opener))).as(opener).hasSize(1);
        }
        assertThat(queuedFor(openers)).isZero();
    }

    @Test
    void twoSendersRacingSendEachMailOnce() throws Exception {
        String owner = unique("rita");
        long account = accountOf(owner);
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 2 * MailSender.BATCH + 5; i++) {
            recipients.add(TestUsers.email(unique("rita")));
        }
        QuarkusTransaction.requiringNew().run(() -> recipients.forEach(to -> outbox.enqueue(new OutgoingMail(account, null, null, false,
                "replies", to, "NA Helpline: A new reply", "Someone replied.", "<p>Someone replied.</p>",
                "http://localhost:8081/unsubscribe/x"))));
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> send = sender::sendDue;
            List<Future<Integer>> runs = two.invokeAll(List.of(send, send));
            assertThat(runs.get(0).get() + runs.get(1).get()).isGreaterThanOrEqualTo(recipients.size());
        } finally {
            two.shutdown();
        }
        for (String to : recipients) {
            assertThat(Mailbox.to(to)).as(to).hasSize(1);
        }
    }

    @Test
    void aMailTheServerRefusesDoesNotHoldBackTheOthers() {
        String owner = unique("rhys");
        long account = accountOf(owner);
        String good = TestUsers.email(unique("rhian"));
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.enqueue(new OutgoingMail(account, null, null, false, "replies", "not an address@@", "NA Helpline: A new reply",
                    "Someone replied.", "<p>Someone replied.</p>", "http://localhost:8081/unsubscribe/x"));
            outbox.enqueue(new OutgoingMail(account, null, null, false, "replies", good, "NA Helpline: A new reply", "Someone replied.",
                    "<p>Someone replied.</p>", "http://localhost:8081/unsubscribe/x"));
        });
        sender.sendDue();
        assertThat(Mailbox.to(good)).as("the mail queued after a refused one").hasSize(1);
        Number attempts = QuarkusTransaction.requiringNew().call(() -> (Number) entityManager.createNativeQuery(
                "SELECT attempts FROM mail_outbox WHERE recipient = 'not an address@@'").getSingleResult());
        assertThat(attempts.intValue()).as("the refused one waits for its retry").isEqualTo(1);
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "DELETE FROM mail_outbox WHERE recipient = 'not an address@@'").executeUpdate());
    }

    @Test
    void anEventThatRollsBackLeavesNoMail() {
        String person = unique("rollo");
        long account = accountOf(person);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            notifications.notify(account, null, "call_nudge", "A coordinator asks for an update on call 1.");
            throw new IllegalStateException("the event fails after its notification was written");
        })).hasMessageContaining("the event fails");
        QuarkusTransaction.requiringNew().run(() -> notifications.notify(account, null, "call_nudge",
                "A coordinator asks for an update on call 2."));
        sender.sendDue();
        List<Mailbox.Received> mails = Mailbox.to(TestUsers.email(person));
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).text()).contains("call 2.").doesNotContain("call 1.");
    }

    @Test
    void aMailWithdrawnWhileItsBatchIsGoingOutIsNotHandedOver() {
        sender.sendDue(); // what other tests left due goes first, so the two below share one batch
        String owner = unique("wendy");
        long account = accountOf(owner);
        long topic = new ForumApiClient(TestUsers.member(owner)).createTopicId("general", "Lifts to the Friday meeting",
                "Who drives from the station?");
        long post = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT id FROM posts WHERE topic_id = ?1").setParameter(1, topic).getSingleResult()).longValue());
        String first = TestUsers.email(unique("wilf"));
        String quoting = TestUsers.email(unique("wren"));
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.enqueue(new OutgoingMail(account, null, null, false, "replies", first, "NA Helpline: A new reply",
                    "Someone replied.", "<p>Someone replied.</p>", "http://localhost:8081/unsubscribe/x"));
            outbox.enqueue(new OutgoingMail(account, topic, post, true, "replies", quoting, "NA Helpline: A new topic",
                    "Who drives from the station?", "<p>Who drives from the station?</p>", "http://localhost:8081/unsubscribe/x"));
        });
        // a moderator hides the post while the batch is with the SMTP server, after its first mail
        Mailer hidingDuringTheFirst = mails -> {
            QuarkusTransaction.requiringNew().run(() -> outbox.withdraw(post));
            mailer.send(mails);
        };
        new MailSender(hidingDuringTheFirst, settings, entityManager, appClock).sendDue();

        assertThat(Mailbox.to(first)).as("the mail handed over before the hide").hasSize(1);
        assertThat(Mailbox.to(quoting)).as("the mail quoting the hidden post").isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM mail_outbox WHERE recipient = ?1").setParameter(1, quoting).getSingleResult()).longValue()))
                .as("pruned, not left for a later run").isZero();
    }

    @Test
    void retriesBackOffFromHalfAMinuteToAnHour() {
        assertThat(MailSender.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(MailSender.backoff(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(MailSender.backoff(5)).isEqualTo(Duration.ofMinutes(8));
        assertThat(MailSender.backoff(8)).isEqualTo(Duration.ofHours(1));
        assertThat(MailSender.backoff(500)).isEqualTo(Duration.ofHours(1));
    }

    private static long accountOf(String person) {
        new ForumApiClient(TestUsers.member(person)).get("/api/me/notification-settings").statusCode(200);
        return QuarkusTransaction.requiringNew().call(() -> Account.<Account> find("subject", "sub-" + person).firstResult().id);
    }

    private static void replyToATopicOf(String opener) {
        long topic = new ForumApiClient(TestUsers.member(opener)).createTopicId("general", "Coffee at the Tuesday meeting",
                "Who has the key to the cupboard?");
        new ForumApiClient(TestUsers.member("replying-rowan")).reply(topic, "I have it.").statusCode(201);
    }

    private long queuedFor(List<String> names) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL AND recipient = ANY (?1)")
                .setParameter(1, names.stream().map(TestUsers::email).toArray(String[]::new)).getSingleResult()).longValue());
    }

    private static String unique(String name) {
        return name + FreshLetters.of(8);
    }
}
