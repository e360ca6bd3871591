package org.stepcalls.forum;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import org.stepcalls.Eventually;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Reading positions kept for a moment: one for a topic purged or a reader erased meanwhile is dropped, never kept
 * for nobody; one being written is still seen until its row is committed.
 */
@QuarkusTest
class UnsavedReadingPositionsTest {

    @Inject
    UnsavedReadingPositions unsaved;

    @Inject
    EntityManager entityManager;

    @Inject
    AgroalDataSource dataSource;

    /** A reply collapsed into a notification between a view and its write is still to be told: read up to it first. */
    @Test
    void aCollapsedNotificationIsReadOnlyOnceItsLastPostIsRead() {
        String openerName = "ursula" + org.stepcalls.FreshLetters.of(6);
        org.stepcalls.forum.api.ForumApiClient opener = new org.stepcalls.forum.api.ForumApiClient(
                org.stepcalls.platform.security.TestUsers.member(openerName));
        org.stepcalls.forum.api.ForumApiClient replier = new org.stepcalls.forum.api.ForumApiClient(
                org.stepcalls.platform.security.TestUsers.member("uriah" + org.stepcalls.FreshLetters.of(6)));
        long topic = opener.createTopicId("general", "Read up to the last", "First.");
        replier.reply(topic, "Second.").statusCode(201); // post 2: the notification
        replier.reply(topic, "Third.").statusCode(201); // post 3: collapsed into it
        long openerId = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT account_id FROM notifications WHERE topic_id = ?1").setParameter(1, topic).getSingleResult()).longValue());

        unsaved.remember(openerId, topic, 2); // the view saw post 2 only
        unsaved.saveAll();
        assertThat(unread(topic)).isEqualTo(1);
        unsaved.remember(openerId, topic, 3);
        unsaved.saveAll();
        assertThat(unread(topic)).isZero();
    }

    private long unread(long topic) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM notifications WHERE topic_id = ?1 AND read_at IS NULL").setParameter(1, topic)
                .getSingleResult()).longValue());
    }

    @Test
    void aPositionInATopicPurgedOrOfAReaderErasedMeanwhileIsDroppedAndTheOthersWritten() throws InterruptedException {
        long erased = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                INSERT INTO accounts (issuer, subject, display_name, created_at, username, roles)
                VALUES ('erased', gen_random_uuid()::text, 'Former member', now(), 'fu_' || translate(substr(md5(random()::text), 1, 12), '0123456789', 'ghijklmnop'), '{}')
                RETURNING id""").getSingleResult()).longValue());
        long reader = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                INSERT INTO accounts (issuer, subject, display_name, created_at, username, roles)
                VALUES ('local', gen_random_uuid()::text, 'Rita Reader', now(), 'ru_' || translate(substr(md5(random()::text), 1, 12), '0123456789', 'ghijklmnop'), '{member}')
                RETURNING id""").getSingleResult()).longValue());
        long topic = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                INSERT INTO topics (category_id, title, opener_id, created_at, last_activity_at)
                SELECT id, 'Kept for a moment', ?1, now(), now() FROM categories WHERE slug = 'general'
                RETURNING id""").setParameter(1, reader).getSingleResult()).longValue());
        long purged = Long.MAX_VALUE - 7;

        unsaved.remember(erased, topic, 3);
        unsaved.remember(reader, purged, 3);
        unsaved.remember(reader, topic, 2);
        unsaved.remember(reader, topic, 1); // never back
        unsaved.saveAll();

        assertThat(unsaved.of(reader, topic)).isZero();
        assertThat(unsaved.of(reader, purged)).as("not kept to fail every write after it").isZero();
        assertThat(rows("account_id = " + erased)).isZero();
        assertThat(rows("topic_id = " + purged)).isZero();
        assertThat(rowsOnceWritten("account_id = " + reader + " AND topic_id = " + topic + " AND last_read_post_number = 2", 1))
                .isEqualTo(1);
    }

    @Test
    void aPositionBeingWrittenStaysSeenUntilItsRowIsCommitted() throws Exception {
        long reader = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                INSERT INTO accounts (issuer, subject, display_name, created_at, username, roles)
                VALUES ('local', gen_random_uuid()::text, 'Wanda Waiting', now(), 'wu_' || translate(substr(md5(random()::text), 1, 12), '0123456789', 'ghijklmnop'), '{member}')
                RETURNING id""").getSingleResult()).longValue());
        long topic = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                INSERT INTO topics (category_id, title, opener_id, created_at, last_activity_at)
                SELECT id, 'Read while being written', ?1, now(), now() FROM categories WHERE slug = 'general'
                RETURNING id""").setParameter(1, reader).getSingleResult()).longValue());
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "INSERT INTO topic_users (account_id, topic_id, last_read_post_number) VALUES (?1, ?2, 0)")
                .setParameter(1, reader).setParameter(2, topic).executeUpdate());

        try (Connection holder = dataSource.getConnection()) { // holds the row, so the write waits at its upsert
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("SELECT 1 FROM topic_users WHERE account_id = " + reader + " AND topic_id = " + topic + " FOR UPDATE");
            }
            unsaved.remember(reader, topic, 2);
            Thread writing = new Thread(unsaved::saveAll);
            writing.start();
            assertThat(Eventually.within(Duration.ofSeconds(10), () -> waitingUpserts() > 0)).as("the write waits at the row").isTrue();

            assertThat(unsaved.of(reader, topic)).as("a list read meanwhile still finds it").isEqualTo(2);
            holder.commit();
            writing.join(10_000);
        }
        assertThat(rowsOnceWritten("account_id = " + reader + " AND topic_id = " + topic + " AND last_read_post_number = 2", 1))
                .isEqualTo(1);
        assertThat(Eventually.within(Duration.ofSeconds(10), () -> unsaved.of(reader, topic) == 0)).as("no longer kept once written")
                .isTrue();
    }

    private long waitingUpserts() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                SELECT count(*) FROM pg_stat_activity
                WHERE wait_event_type = 'Lock' AND query LIKE '%unnest%INSERT INTO topic_users%'""").getSingleResult()).longValue());
    }

    /** The app's own writer runs every 200 ms and may have taken an entry first: its commit is waited for. */
    private long rowsOnceWritten(String where, long expected) throws InterruptedException {
        Eventually.within(Duration.ofSeconds(10), () -> rows(where) == expected);
        return rows(where);
    }

    private long rows(String where) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM topic_users WHERE " + where).getSingleResult()).longValue());
    }
}
