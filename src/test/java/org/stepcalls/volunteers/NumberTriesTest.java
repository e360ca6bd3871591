package org.stepcalls.volunteers;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.OffsetDateTime;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The tries of numbers already on the list are kept a day, not until the next member gives a number. */
@QuarkusTest
class NumberTriesTest {

    @Inject
    NumberTries tries;

    @Inject
    EntityManager entityManager;

    @Test
    void triesADayOldAreDeletedWithThePurgeRunsWhetherOrNotAnyoneGivesANumber() {
        byte[] identity = new byte[32];
        new SecureRandom().nextBytes(identity);
        OffsetDateTime now = OffsetDateTime.now();
        QuarkusTransaction.requiringNew().run(() -> {
            for (OffsetDateTime at : new OffsetDateTime[] { now.minusDays(2), now.minusHours(25), now.minusHours(1) }) {
                entityManager.createNativeQuery("INSERT INTO volunteer_number_tries (identity, at) VALUES (?1, ?2)")
                        .setParameter(1, identity).setParameter(2, at).executeUpdate();
            }
        });

        tries.forgetDayOldTries();

        assertThat(QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT count(*) FROM volunteer_number_tries WHERE identity = ?1").setParameter(1, identity).getSingleResult()))
                .as("only the try of the last hour").isEqualTo(1L);
    }
}
