package org.stepcalls.forum;

import static org.assertj.core.api.Assertions.assertThat;

import org.stepcalls.Eventually;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Reading positions kept for a moment: one for a topic purged or a reader erased meanwhile is dropped, never kept for nobody. */
@QuarkusTest
class UnsavedReadingPositionsTest {

    @Inject
    UnsavedReadingPositions unsaved;

    @Inject
    EntityManager entityManager;

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

    /** The app's own writer runs every 200 ms and may have taken an entry first: its commit is waited for. */
    private long rowsOnceWritten(String where, long expected) throws InterruptedException {
        Eventually.within(java.time.Duration.ofSeconds(10), () -> rows(where) == expected);
        return rows(where);
    }

    private long rows(String where) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM topic_users WHERE " + where).getSingleResult()).longValue());
    }
}
