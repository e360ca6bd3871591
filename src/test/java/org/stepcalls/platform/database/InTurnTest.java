package org.stepcalls.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.stepcalls.platform.web.ApiException;

/** Heavy queries a few at a time, the rest in a bounded line; nobody waits forever and a failure frees its turn. */
class InTurnTest {

    @Test
    void noMoreThanTheGivenNumberRunAtOnce() throws Exception {
        InTurn inTurn = new InTurn("Search", 2, 64, Duration.ofSeconds(30));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                done.add(pool.submit(() -> inTurn.run(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    sleep(2);
                    running.decrementAndGet();
                    return n;
                })));
            }
            for (int i = 0; i < done.size(); i++) {
                assertThat(done.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(most.get()).isPositive().isLessThanOrEqualTo(2);
    }

    @Test
    void oneWaitingPastItsPatienceIsToldTheServiceIsBusy() throws Exception {
        InTurn inTurn = new InTurn("Search", 1, 64, Duration.ofMillis(50));
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = holdTheTurn(inTurn, release);
        try {
            assertThatThrownBy(() -> inTurn.run(() -> "never"))
                    .isInstanceOfSatisfying(ApiException.class, refused -> {
                        assertThat(refused.status()).isEqualTo(503);
                        assertThat(refused.code()).isEqualTo("busy");
                        assertThat(refused.getMessage()).isEqualTo("Search is busy just now: try again in a moment.");
                    });
        } finally {
            release.countDown();
            holder.join(10_000);
        }
        assertThat(inTurn.run(() -> "next")).isEqualTo("next");
    }

    @Test
    void oneFindingTheLineFullIsRefusedAtOnceInsteadOfWaiting() throws Exception {
        InTurn inTurn = new InTurn("Search", 1, 1, Duration.ofSeconds(60));
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = holdTheTurn(inTurn, release);
        Thread waiter = new Thread(() -> inTurn.run(() -> null));
        try {
            waiter.start();
            while (inTurn.waiting() < 1) {
                Thread.sleep(5);
            }
            // without the bound this would wait its 60 s for the holder
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> inTurn.run(() -> "never"))
                    .isInstanceOfSatisfying(ApiException.class, refused -> assertThat(refused.status()).isEqualTo(503)));
            assertThat(waiter.isAlive()).as("the one already in line still waits its turn").isTrue();
        } finally {
            release.countDown();
            holder.join(10_000);
            waiter.join(10_000);
        }
        assertThat(inTurn.waiting()).isZero();
    }

    @Test
    void aFailedQueryGivesItsTurnBack() {
        InTurn inTurn = new InTurn("Search", 1, 64, Duration.ofMillis(50));
        assertThatThrownBy(() -> inTurn.run(() -> {
            throw new IllegalStateException("Search failed");
        })).hasMessage("Search failed");
        assertThat(inTurn.run(() -> "answered")).isEqualTo("answered");
    }

    @Test
    void atLeastOneMustRunAtOnce() {
        assertThatThrownBy(() -> new InTurn("Search", 0, 64, Duration.ofSeconds(1)))
                .hasMessageContaining("at least one must run at once");
    }

    /** A thread that takes a turn and keeps it until {@code release}; returns once it holds it. */
    private static Thread holdTheTurn(InTurn inTurn, CountDownLatch release) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        Thread holder = new Thread(() -> inTurn.run(() -> {
            holding.countDown();
            await(release);
            return null;
        }));
        holder.start();
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        return holder;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
