package org.stepcalls.platform.mail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.stepcalls.platform.time.AppClock;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Delivers the outbox. Rows are claimed with {@code FOR UPDATE SKIP LOCKED} and stay locked while
 * they are handed to SMTP, so several instances (or two runs of one) never send a row twice. A
 * failure leaves the row queued with a later attempt time (backing off from 30 s to an hour): SMTP
 * down loses nothing, everything goes out once it is back. Sent rows are marked, then pruned.
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);
    static final int BATCH = 20;
    /** Failures in a row after which the SMTP server is taken to be down for this run. */
    static final int FAILURES_MEANING_DOWN = 3;
    static final Duration KEEP_SENT = Duration.ofHours(1);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);

    /** Marked by {@link MailOutbox#withdraw} because this sender held it then: never claimed again. */
    private static final String WITHDRAWN = "EXISTS (SELECT 1 FROM mail_withdrawn w WHERE w.mail_id = m.id)";

    private record Queued(long id, String recipient, String subject, String text, String html, String unsubscribeUrl,
            int attempts) {
    }

    private record Batch(int claimed, int sent, boolean failed) {
    }

    private final Mailer mailer;
    private final MailSettings settings;
    private final EntityManager entityManager;
    private final AppClock clock;

    MailSender(Mailer mailer, MailSettings settings, EntityManager entityManager, AppClock clock) {
        this.mailer = mailer;
        this.settings = settings;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Scheduled(every = "${stepcalls.mail.send-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (settings.enabled()) {
            sendDue();
        }
    }

    /** Sends what is due now; stops at the first SMTP failure (the server is likely down). Returns how many went out. */
    public int sendDue() {
        int sent = 0;
        Batch batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(this::sendBatch);
            sent += batch.sent();
        } while (batch.claimed() == BATCH && !batch.failed());
        prune();
        return sent;
    }

    /**
     * One transaction, one connection: claim, send, mark. The locks are released at commit. A mail
     * the server refuses waits for its retry without holding back the ones after it; a few failures
     * in a row mean the server is down, and the run stops there.
     */
    private Batch sendBatch() {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            List<Queued> claimed = claim(connection);
            int sent = 0;
            int failuresInARow = 0;
            for (Queued mail : claimed) {
                if (withdrawnSinceClaimed(connection, mail.id())) {
                    continue; // its post was hidden or edited while this batch went out: the prune deletes it
                }
                try {
                    mailer.send(toMail(mail));
                } catch (RuntimeException e) {
                    // the class only: an SMTP error can quote an address
                    LOG.warnf("E-mail %d not sent (attempt %d, %s); it stays queued", mail.id(), mail.attempts() + 1,
                            e.getClass().getSimpleName());
                    retryLater(connection, mail);
                    if (++failuresInARow == FAILURES_MEANING_DOWN) {
                        return new Batch(claimed.size(), sent, true);
                    }
                    continue;
                }
                failuresInARow = 0;
                markSent(connection, mail.id());
                sent++;
            }
            return new Batch(claimed.size(), sent, false);
        });
    }

    private List<Queued> claim(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, recipient, subject, text_body, html_body, unsubscribe_url, attempts FROM mail_outbox m
                WHERE sent_at IS NULL AND next_attempt_at <= ?""" + " AND NOT " + WITHDRAWN
                + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            select.setObject(1, clock.now());
            select.setInt(2, BATCH);
            List<Queued> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new Queued(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getString(5), row.getString(6), row.getInt(7)));
                }
            }
            return rows;
        }
    }

    /**
     * Asked again just before each hand-off: a batch of twenty to a slow server takes seconds, and a
     * hide in those seconds must stop the mails not yet handed over, not only the next batch's.
     */
    private static boolean withdrawnSinceClaimed(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM mail_withdrawn WHERE mail_id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static Mail toMail(Queued queued) {
        // RFC 8058: one click in the mail client turns this event off, without signing in
        return Mail.withText(queued.recipient(), queued.subject(), queued.text()).setHtml(queued.html())
                .addHeader("List-Unsubscribe", "<" + queued.unsubscribeUrl() + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    private void markSent(Connection connection, long id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE mail_outbox SET sent_at = ? WHERE id = ?")) {
            update.setObject(1, clock.now());
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    private void retryLater(Connection connection, Queued mail) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?")) {
            update.setObject(1, clock.now().plus(backoff(mail.attempts() + 1)));
            update.setLong(2, mail.id());
            update.executeUpdate();
        }
    }

    /** 30 s after the first failure, doubling, at most an hour apart. */
    static Duration backoff(int failures) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 20));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    /** Sent copies kept an hour, withdrawn mails at once, and the marks of mails already gone. */
    private void prune() {
        OffsetDateTime before = clock.now().minus(KEEP_SENT);
        QuarkusTransaction.requiringNew().run(() -> {
            // rows another instance holds for SMTP are skipped, not waited on: the next prune takes them
            entityManager.createNativeQuery("DELETE FROM mail_outbox WHERE id IN (SELECT id FROM mail_outbox m"
                    + " WHERE sent_at < ?1 OR " + WITHDRAWN + " FOR UPDATE SKIP LOCKED)").setParameter(1, before)
                    .executeUpdate();
            entityManager.createNativeQuery(
                    "DELETE FROM mail_withdrawn w WHERE NOT EXISTS (SELECT 1 FROM mail_outbox m WHERE m.id = w.mail_id)")
                    .executeUpdate();
        });
    }
}
