package org.stepcalls.platform.database;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Makes a scheduled job run once across app instances: every instance schedules it, and the one
 * whose transaction takes the job's PostgreSQL advisory lock does the work while the others skip
 * that round. The lock is the transaction's, so it goes with a commit, a rollback or a crashed
 * instance's connection, and needs no lease to expire (unlike a lock row).
 */
@ApplicationScoped
public class JobLock {

    /** First half of the two-part lock key, keeping these locks apart from any other advisory lock. */
    static final int NAMESPACE = 0x5354_4A42; // "STJB"

    private final EntityManager entityManager;

    JobLock(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * True when the current transaction now holds {@code job}'s lock until it ends; false when
     * another instance's transaction holds it (that instance is running the job right now).
     */
    public boolean tryHoldForTransaction(String job) {
        if (!QuarkusTransaction.isActive()) {
            throw new IllegalStateException("A job lock lasts as long as a transaction: run " + job + " in one");
        }
        return (Boolean) entityManager.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1, hashtext(?2))")
                .setParameter(1, NAMESPACE).setParameter(2, job).getSingleResult();
    }
}
