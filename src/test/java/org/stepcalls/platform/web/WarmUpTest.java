package org.stepcalls.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

/** The warm-up's own rules, without the app: readiness waits for it, a failing exercise never stops it. */
class WarmUpTest {

    @Test
    void notReadyWhileWarmingUpAndReadyOnceItsLengthIsOver() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        WarmUp warmUp = new WarmUp(Duration.ofSeconds(2), null);
        warmUp.start(List.of(exercise("counting", rounds::incrementAndGet)));

        assertThat(warmUp.call().getStatus()).isEqualTo(Status.DOWN);
        assertThat(warmUp.call().getData().orElseThrow()).containsKey("seconds left");
        awaitDone(warmUp);
        assertThat(warmUp.call().getStatus()).isEqualTo(Status.UP);
        assertThat(rounds.get()).isPositive();
        assertThat(warmUp.rounds()).isEqualTo(rounds.get());
        int after = rounds.get();
        Thread.sleep(200);
        assertThat(rounds.get()).as("nothing runs once ready").isEqualTo(after);
    }

    @Test
    void anExerciseThatFailsIsLeftOutAndTheOthersGoOn() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        WarmUp warmUp = new WarmUp(Duration.ofSeconds(1), null);
        warmUp.start(List.of(exercise("broken", () -> {
            throw new IllegalStateException("no such table");
        }), exercise("counting", rounds::incrementAndGet)));

        awaitDone(warmUp);
        assertThat(warmUp.exercisesLeft()).containsExactly("counting");
        assertThat(rounds.get()).isPositive();
        assertThat(warmUp.call().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void offMeansReadyAtOnceWithoutRunningAnything() {
        AtomicInteger rounds = new AtomicInteger();
        WarmUp warmUp = new WarmUp(Duration.ZERO, null);
        warmUp.start(List.of(exercise("counting", rounds::incrementAndGet)));

        assertThat(warmUp.call().getStatus()).isEqualTo(Status.UP);
        assertThat(rounds.get()).isZero();
    }

    static void awaitDone(WarmUp warmUp) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!warmUp.done() && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(warmUp.done()).as("warm-up over within 30 s").isTrue();
    }

    private static WarmUpExercise exercise(String name, Runnable round) {
        return new WarmUpExercise() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run() {
                round.run();
            }
        };
    }
}
