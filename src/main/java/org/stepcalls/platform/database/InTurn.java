package org.stepcalls.platform.database;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.stepcalls.platform.web.ApiException;

/**
 * Runs one kind of heavy query a few at a time; the rest wait their turn, first come first served.
 *
 * <p>Why: on a small machine thirty searches at once share its cores thirtyfold, so each takes thirty
 * times as long and the costliest kind (a common word) sets everyone's slowest answer; taken in turn
 * they finish one after another, the database works a handful of queries instead of thirty at once,
 * and a burst of one kind cannot hold every pooled connection the calls board needs. A turn is taken
 * before the connection, so the waiting hold none.
 */
public final class InTurn {

    private final String what;
    private final Semaphore turns;
    private final Duration patience;

    /**
     * @param what     what is waited for, in the sentence a refused request gets ("Search")
     * @param atOnce   how many run at once
     * @param patience how long a request waits for its turn before it is refused (503, try again)
     */
    public InTurn(String what, int atOnce, Duration patience) {
        if (atOnce < 1) {
            throw new IllegalArgumentException(what + ": at least one must run at once, not " + atOnce);
        }
        this.what = what;
        this.turns = new Semaphore(atOnce, true);
        this.patience = patience;
    }

    /** Runs {@code work} once a turn is free; a 503 "busy" when none frees within the patience. */
    public <T> T run(Supplier<T> work) {
        try {
            if (!turns.tryAcquire(patience.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new ApiException(503, "busy", what + " is busy just now: try again in a moment.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "busy", what + " was interrupted: try again.");
        }
        try {
            return work.get();
        } finally {
            turns.release();
        }
    }
}
