package org.stepcalls.platform.database;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.stepcalls.platform.web.ApiException;

/**
 * Runs one kind of heavy query a few at a time; the rest wait their turn, first come first served.
 *
 * <p>Why: on a small machine thirty searches at once share its cores thirtyfold, so each takes thirty
 * times as long and the costliest kind (a common word) sets everyone's slowest answer; taken in turn
 * they finish one after another, the database works a handful of queries instead of thirty at once,
 * and a burst of one kind cannot hold every pooled connection the calls board needs.
 *
 * <p>Only for work whose callers hold no connection while they wait: not inside a transaction, nor
 * after an entity load that keeps the request's connection — a waiting request would hold it from the
 * pool for as long as it waits. (Hence not the contacts lookup, which the call page runs inside its
 * transaction, and where a helpliner mid-call must never be told "busy".) The line is bounded too: a
 * request that finds {@code maxWaiting} already waiting is refused at once instead of holding a
 * worker thread.
 */
public final class InTurn {

    private final String what;
    private final Semaphore turns;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Duration patience;

    /**
     * @param what     what is waited for, in the sentence a refused request gets ("Search")
     * @param atOnce     how many run at once
     * @param maxWaiting how many may wait at once; one more is refused (503, try again) without waiting
     * @param patience   how long a request waits for its turn before it is refused (503, try again)
     */
    public InTurn(String what, int atOnce, int maxWaiting, Duration patience) {
        if (atOnce < 1) {
            throw new IllegalArgumentException(what + ": at least one must run at once, not " + atOnce);
        }
        this.what = what;
        this.turns = new Semaphore(atOnce, true);
        this.maxWaiting = maxWaiting;
        this.patience = patience;
    }

    /** Runs {@code work} once a turn is free; a 503 "busy" when the line is full or no turn frees within the patience. */
    public <T> T run(Supplier<T> work) {
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            throw busy();
        }
        try {
            if (!turns.tryAcquire(patience.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "busy", what + " was interrupted: try again.");
        } finally {
            waiting.decrementAndGet();
        }
        try {
            return work.get();
        } finally {
            turns.release();
        }
    }

    /** Requests waiting for a turn now. */
    int waiting() {
        return waiting.get();
    }

    private ApiException busy() {
        return new ApiException(503, "busy", what + " is busy just now: try again in a moment.");
    }
}
