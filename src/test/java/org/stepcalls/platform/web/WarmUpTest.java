package org.stepcalls.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;
import org.stepcalls.platform.security.Nobody;

/** The warm-up's own rules, without the app: readiness waits for it, and nothing it meets keeps an instance out. */
class WarmUpTest {

    @Test
    void notReadyWhileWarmingUpAndReadyOnceItsLengthIsOver() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        WarmUp warmUp = new WarmUp(Duration.ofSeconds(2), null, new Nobody());
        warmUp.start(List.of(exercise("counting", () -> rounds.incrementAndGet() > 0)));

        assertThat(warmUp.call().getStatus()).isEqualTo(Status.DOWN);
        assertThat(warmUp.call().getData().orElseThrow()).containsKey("seconds left");
        awaitDone(warmUp);
        assertThat(warmUp.call().getStatus()).isEqualTo(Status.UP);
        assertThat(rounds.get()).isPositive();
        assertThat(warmUp.rounds("counting")).isEqualTo(rounds.get());
        int after = rounds.get();
        Thread.sleep(200);
        assertThat(rounds.get()).as("nothing runs once ready").isEqualTo(after);
    }

    @Test
    void anExerciseThatFailsIsLeftOutAndTheOthersGoOn() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        WarmUp warmUp = new WarmUp(Duration.ofSeconds(1), null, new Nobody());
        warmUp.start(List.of(exercise("broken", () -> {
            throw new IllegalStateException("no such table");
        }), exercise("counting", () -> rounds.incrementAndGet() > 0)));

        awaitDone(warmUp);
        assertThat(warmUp.exercisesLeft()).containsExactly("counting");
        assertThat(warmUp.rounds("broken")).isZero();
        assertThat(warmUp.rounds("counting")).isPositive();
        assertThat(warmUp.call().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aRoundWithNothingToDoYetIsNotCounted() throws Exception {
        WarmUp warmUp = new WarmUp(Duration.ofMillis(500), null, new Nobody());
        warmUp.start(List.of(exercise("not listening yet", () -> false)));

        awaitDone(warmUp);
        assertThat(warmUp.rounds("not listening yet")).isZero();
        assertThat(warmUp.exercisesLeft()).containsExactly("not listening yet");
    }

    @Test
    void aRoundThatHangsKeepsTheInstanceOutNoLongerThanTheGrace() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        WarmUp warmUp = new WarmUp(Duration.ofMillis(500), Duration.ofSeconds(3), null, new Nobody());
        warmUp.start(List.of(stuckUntil(never)));
        try {
            assertThat(warmUp.call().getStatus()).isEqualTo(Status.DOWN);
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (warmUp.call().getStatus() == Status.DOWN && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(warmUp.call().getStatus()).as("ready once the grace is over").isEqualTo(Status.UP);
            assertThat(warmUp.done()).as("its rounds still running").isFalse();
        } finally {
            never.countDown();
        }
    }

    @Test
    void offMeansReadyAtOnceWithoutRunningAnything() {
        AtomicInteger rounds = new AtomicInteger();
        WarmUp warmUp = new WarmUp(Duration.ZERO, null, new Nobody());
        warmUp.start(List.of(exercise("counting", () -> rounds.incrementAndGet() > 0)));

        assertThat(warmUp.call().getStatus()).isEqualTo(Status.UP);
        assertThat(rounds.get()).isZero();
    }

    @Test
    void noRequestSignsInAsNobodyOnceTheWarmUpIsOverOrWhenItIsOff() throws Exception {
        Nobody nobody = new Nobody();
        WarmUp warmUp = new WarmUp(Duration.ofMillis(500), null, nobody);
        nobody.openWarmUpKey(Duration.ofMinutes(1));
        warmUp.start(List.of(exercise("counting", () -> true)));
        assertThat(nobody.isWarmUpKeyLive()).as("live while warming").isTrue();

        awaitDone(warmUp);
        assertThat(nobody.isWarmUpKeyLive()).as("retired with the last round").isFalse();

        Nobody off = new Nobody();
        new WarmUp(Duration.ZERO, null, off).start(List.of());
        assertThat(off.isWarmUpKeyLive()).isFalse();
        assertThatThrownBy(() -> off.openWarmUpKey(Duration.ofMinutes(1))).as("never to be opened when off")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aHungRoundDoesNotKeepTheWarmUpKeyPastTheGrace() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Nobody nobody = new Nobody();
        WarmUp warmUp = new WarmUp(Duration.ofMillis(300), Duration.ofSeconds(1), null, nobody);
        nobody.openWarmUpKey(Duration.ofMillis(300).plus(Duration.ofSeconds(1)));
        warmUp.start(List.of(stuckUntil(never)));
        try {
            assertThat(nobody.isWarmUpKeyLive()).isTrue();
            Thread.sleep(1_500); // nobody asks for readiness: the key's own deadline ends it
            assertThat(nobody.isWarmUpKeyLive()).as("expired though its round still runs").isFalse();
            assertThat(warmUp.done()).isFalse();
        } finally {
            never.countDown();
        }
    }

    static void awaitDone(WarmUp warmUp) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!warmUp.done() && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(warmUp.done()).as("warm-up over within 60 s").isTrue();
    }

    /** A round stuck on a silent connection: it ends only when {@code released} is counted down. */
    private static WarmUpExercise stuckUntil(CountDownLatch released) {
        return exercise("stuck on a silent connection", () -> {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        });
    }

    private static WarmUpExercise exercise(String name, BooleanSupplier round) {
        return new WarmUpExercise() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean run() {
                return round.getAsBoolean();
            }
        };
    }
}
