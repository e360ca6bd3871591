package org.stepcalls.platform.mail;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.OffsetDateTime;

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
                    INSERT INTO mail_outbox (account_id, topic_id, post_id, event, recipient, subject, text_body, html_body,
                        unsubscribe_url, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setLong(1, mail.accountId());
                insert.setObject(2, mail.topicId(), Types.BIGINT);
                insert.setObject(3, mail.postId(), Types.BIGINT);
                insert.setString(4, mail.event());
                insert.setString(5, mail.recipient());
                insert.setString(6, mail.subject());
                insert.setString(7, mail.text());
                insert.setString(8, mail.html());
                insert.setString(9, mail.unsubscribeUrl());
                insert.setObject(10, now);
                insert.setObject(11, now);
                insert.executeUpdate();
            }
        });
    }

    /**
     * The post was hidden, edited or deleted: its mails not yet sent never go (they may quote it), and
     * the copies of those sent are not kept either. A mail in the batch being handed to SMTP right now
     * is locked until the batch ends; this waits for it, then deletes it sent or still queued.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void withdraw(long postId) {
        entityManager.createNativeQuery("DELETE FROM mail_outbox WHERE post_id = ?1").setParameter(1, postId)
                .executeUpdate();
    }
}
