package org.stepcalls.platform.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Before this instance reports ready, the work members' requests do, done in-process for a while
 * (stepcalls.warm-up, 0s: off): a fresh JVM on two cores served a sixth of its warm speed in its
 * first ten seconds and 56–67 % over its first minute, interpreting and compiling (BENCHMARKS.md,
 * round twelve). The load balancer sends requests to a ready instance only, so a restarted instance
 * joins warm; a lone instance serves meanwhile (readiness gates nobody's request), only slower.
 *
 * <p>The rounds are every {@link WarmUpExercise} (the pages, rendered for nobody) and the HTTP layer
 * itself: the front page as a signed-out visitor gets it, from this process. Nothing is signed in,
 * written or kept; an exercise that fails is dropped from the rotation and said in the log by its
 * name and error class only.
 */
@Readiness
@ApplicationScoped
public class WarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    private final Duration length;
    private final Instance<WarmUpExercise> exercises;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final List<WarmUpExercise> rotation = new CopyOnWriteArrayList<>();
    private final AtomicLong rounds = new AtomicLong();
    private volatile long deadline;
    private volatile boolean stopping;

    WarmUp(@ConfigProperty(name = "stepcalls.warm-up", defaultValue = "30s") Duration length,
            Instance<WarmUpExercise> exercises) {
        this.length = length;
        this.exercises = exercises;
    }

    void start(@Observes StartupEvent started) {
        List<WarmUpExercise> all = new ArrayList<>(exercises.stream().toList());
        all.add(new FrontPageOverHttp());
        start(all);
    }

    /** Runs these exercises in turn on one thread per core until the length is over. */
    void start(List<WarmUpExercise> all) {
        if (length.isZero() || length.isNegative()) {
            finished.countDown();
            return;
        }
        long began = System.nanoTime();
        deadline = began + length.toNanos();
        rotation.addAll(all);
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        CountDownLatch workersDone = new CountDownLatch(workers);
        for (int i = 0; i < workers; i++) {
            int first = i;
            daemon("warm-up-" + i, () -> {
                try {
                    exercise(first);
                } finally {
                    workersDone.countDown();
                }
            });
        }
        daemon("warm-up", () -> {
            try {
                workersDone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.infof("Warmed up in %.0f s: %,d rounds of %s", (System.nanoTime() - began) / 1e9, rounds.get(),
                    exercisesLeft());
            finished.countDown();
        });
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void exercise(int turn) {
        while (!stopping && System.nanoTime() < deadline && !rotation.isEmpty()) {
            List<WarmUpExercise> now = List.copyOf(rotation);
            if (now.isEmpty()) {
                return;
            }
            WarmUpExercise exercise = now.get(Math.floorMod(turn++, now.size()));
            try {
                exercise.run();
                rounds.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception | LinkageError e) {
                if (rotation.remove(exercise)) { // the class only: a message could quote what was read
                    LOG.warnf("Warm-up left out %s: it failed with %s", exercise.name(), e.getClass().getName());
                }
            }
        }
    }

    /** The exercises still in the rotation: none has failed when it holds them all. */
    public List<String> exercisesLeft() {
        return rotation.stream().map(WarmUpExercise::name).toList();
    }

    /** Exercises run so far. */
    public long rounds() {
        return rounds.get();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    /** True once the warm-up has run its length (at once when it is off). */
    public boolean done() {
        return finished.getCount() == 0;
    }

    @Override
    public HealthCheckResponse call() {
        if (done()) {
            return HealthCheckResponse.named("Warm-up").up().build();
        }
        long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000_000L);
        return HealthCheckResponse.named("Warm-up").down().withData("seconds left", left).build();
    }

    /** The HTTP layer a member's request crosses, with the front page a signed-out visitor is shown. */
    private static final class FrontPageOverHttp implements WarmUpExercise {

        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        private volatile List<HttpRequest> requests;

        @Override
        public String name() {
            return "the front page over HTTP";
        }

        @Override
        public void run() throws Exception {
            if (requests == null) {
                // the port this instance listens on, known once it listens (a test's own under the test suite)
                int port = ConfigProvider.getConfig().getValue(LaunchMode.current() == LaunchMode.TEST
                        ? "quarkus.http.test-port" : "quarkus.http.port", Integer.class);
                requests = List.of("/", "/q/health/live").stream().map(path -> HttpRequest
                        .newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(5))
                        .header("Accept", "text/html").build()).toList();
            }
            for (HttpRequest request : requests) {
                HttpResponse<Void> response;
                try {
                    response = client.send(request, HttpResponse.BodyHandlers.discarding());
                } catch (java.net.ConnectException notListeningYet) {
                    Thread.sleep(200);
                    return;
                }
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.statusCode());
                }
            }
        }
    }
}
