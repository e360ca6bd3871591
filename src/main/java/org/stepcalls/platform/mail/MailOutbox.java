package org.stepcalls.platform.mail;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.stepcalls.platform.time.AppClock;

/**
 * The transactional outbox: an e-mail is written here in the same transaction as the event it
 * tells about, so it exists exactly when the event does; {@link MailSender} delivers it later.
 */
@ApplicationScoped
public class MailOutbox {

    private final EntityManager entityManager;
    private final AppClock clock;

    MailOutbox(EntityManager entityManager, AppClock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Joins the caller's transaction: rolled back with the event, never sent without it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(OutgoingMail mail) {
        OffsetDateTime now = clock.now();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO mail_outbox (account_id, topic_id, post_id, quotes_post, event, recipient, subject,
                        text_body, html_body, unsubscribe_url, created_at, next_attempt_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setLong(1, mail.accountId());
                insert.setObject(2, mail.topicId(), Types.BIGINT);
                insert.setObject(3, mail.postId(), Types.BIGINT);
                insert.setBoolean(4, mail.quotesPost());
                insert.setString(5, mail.event());
                insert.setString(6, mail.recipient());
                insert.setString(7, mail.subject());
                insert.setString(8, mail.text());
                insert.setString(9, mail.html());
                insert.setString(10, mail.unsubscribeUrl());
                insert.setObject(11, now);
                insert.setObject(12, now);
                insert.executeUpdate();
            }
        });
    }

    /** The post was hidden or deleted: its mails not yet sent never go, and the copies of those sent are not kept. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void withdraw(long postId) {
        withdrawWhere("post_id = ?1", postId);
    }

    /** The post was edited: the mails that quote the text it replaced go the way of {@link #withdraw}; the rest stay. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void withdrawQuotes(long postId) {
        withdrawWhere("post_id = ?1 AND quotes_post", postId);
    }

    /** An account is erased: the mails to it, and those to others naming it, found by its feature, go the way of {@link #withdraw}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void withdrawMails(List<Long> mailIds) {
        if (!mailIds.isEmpty()) {
            withdrawWhere("id = ANY (?1)", mailIds.toArray(Long[]::new));
        }
    }

    /** Every mail of this event, whatever it tells of: a purge takes the coordinators' digests, which name calls but belong to none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void withdrawEvent(String event) {
        withdrawWhere("event = ?1", event);
    }

    /**
     * Deletes the mails at once, but for those in a batch being handed to SMTP at this moment: the
     * sender locks them until the batch ends, and a hide must not wait on a slow mail server. Those
     * are marked instead, and the sender looks for the mark before it hands each mail over: one not yet
     * handed over never goes, one already sent is pruned as a sent copy, one that failed is never retried.
     * One statement, one snapshot: the insert still sees the rows the delete took, hence the {@code NOT IN}.
     *
     * @param which a condition on {@code mail_outbox} with the one parameter {@code ?1}
     */
    private void withdrawWhere(String which, Object parameter) {
        entityManager.createNativeQuery("WITH deleted AS (DELETE FROM mail_outbox WHERE id IN (SELECT id FROM mail_outbox"
                + " WHERE " + which + " FOR UPDATE SKIP LOCKED) RETURNING id)"
                + " INSERT INTO mail_withdrawn (mail_id) SELECT id FROM mail_outbox"
                + " WHERE " + which + " AND id NOT IN (SELECT id FROM deleted) ON CONFLICT DO NOTHING")
                .setParameter(1, parameter).executeUpdate();
    }
}
