package org.stepcalls.volunteers;

import java.nio.ByteBuffer;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.scheduler.Scheduled;

import org.stepcalls.platform.security.Account;
import org.stepcalls.platform.time.AppClock;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.privacy.CryptoService;
import org.stepcalls.privacy.CryptoService.Purpose;

/**
 * "That number is already on the list" tells a member something about a number that may not be
 * theirs (R4). After {@link #TRIES_A_DAY} such answers in 24 hours, no new number is taken from them
 * at all — a free one neither, else the refusal would still answer — until the oldest of them is a
 * day old. Counted per sign-in identity (a keyed hash of issuer and subject), so deleting the account
 * and signing in again starts no new count; one identity's tries wait for each other (a
 * transaction-scoped advisory lock), so parallel requests cannot all be answered before the first is
 * counted. The count is read after the lock, in a statement of its own: right under READ COMMITTED
 * (the default here), where each statement sees what committed before it.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
class NumberTries {

    static final int TRIES_A_DAY = 3;

    private final EntityManager entityManager;
    private final CryptoService crypto;
    private final AppClock clock;

    NumberTries(EntityManager entityManager, CryptoService crypto, AppClock clock) {
        this.entityManager = entityManager;
        this.crypto = crypto;
        this.clock = clock;
    }

    /** Locks this member's tries until the transaction ends and refuses them once the day's are used. */
    byte[] requireTriesLeft(long accountId) {
        Account account = Account.findById(accountId);
        byte[] identity = crypto.blindIndex(account.issuer + "\n" + account.subject, Purpose.SIGN_IN_IDENTITY);
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(?1)")
                .setParameter(1, ByteBuffer.wrap(identity).getLong()).getSingleResult();
        OffsetDateTime dayAgo = clock.now().minusDays(1);
        entityManager.createNativeQuery("DELETE FROM volunteer_number_tries WHERE at < ?1").setParameter(1, dayAgo)
                .executeUpdate();
        long tries = ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM volunteer_number_tries WHERE identity = ?1 AND at >= ?2")
                .setParameter(1, identity).setParameter(2, dayAgo).getSingleResult()).longValue();
        if (tries >= TRIES_A_DAY) {
            throw ApiException.tooManyTries("phone", "numbers_tried", "You have given numbers that are already on the "
                    + "list three times in the last 24 hours, so no new number can be taken from you until the first "
                    + "of those is a day old. Ask a coordinator to add or link you.");
        }
        return identity;
    }

    /** With each purge run: a try a day old counts for nothing, so it is not kept until someone next gives a number. */
    @Scheduled(every = "${stepcalls.purge-every}", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void forgetDayOldTries() {
        entityManager.createNativeQuery("DELETE FROM volunteer_number_tries WHERE at < ?1")
                .setParameter(1, clock.now().minusDays(1)).executeUpdate();
    }

    /** A try answered "already on the list"; its transaction must commit even so (see VolunteerList.NumberTaken). */
    void record(byte[] identity) {
        entityManager.createNativeQuery("INSERT INTO volunteer_number_tries (identity, at) VALUES (?1, ?2)")
                .setParameter(1, identity).setParameter(2, clock.now()).executeUpdate();
    }
}
