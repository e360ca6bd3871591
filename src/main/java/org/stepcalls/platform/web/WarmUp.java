package org.stepcalls.platform.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;
import org.stepcalls.platform.security.Nobody;
import org.stepcalls.platform.security.WarmUpKeyMechanism;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;

/**
 * Before this instance reports ready, the work members' requests do, done in-process and over its
 * own HTTP for a while
 * (stepcalls.warm-up, 0s: off): a fresh JVM on two cores served a sixth of its warm speed in its
 * first ten seconds and 56–67 % over its first minute, interpreting and compiling (BENCHMARKS.md,
 * round twelve). The load balancer sends requests to a ready instance only, so a restarted instance
 * joins warm; a lone instance serves meanwhile (readiness gates nobody's request), only slower.
 *
 * <p>The rounds are every {@link WarmUpExercise} (the pages, rendered for {@link Nobody}) and the
 * HTTP layer itself: the latest page as a signed-in member's browser gets it, from this process,
 * signed in as nobody with the warm-up key — which is retired when the rounds end, so from then on
 * no request can sign in as nobody. Nothing is written or kept; an exercise that fails is dropped
 * from the rotation and said in the log by its name and error class only. A round that hangs (a
 * query on a connection gone silent) keeps the instance out no longer than {@link #GRACE} past the
 * length.
 */
@Readiness
@ApplicationScoped
public class WarmUp implements HealthCheck {

    static final Duration GRACE = Duration.ofSeconds(10);
    /** The readiness check's name (its DOWN polls are left out of the log: {@link WarmUpReadinessLogFilter}). */
    static final String CHECK = "Warm-up";
    /** Each in-process round holds one of the pool's connections while it runs: never many at once. */
    static final int MAX_WORKERS = 4;
    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    private final Duration length;
    private final Duration grace;
    private final Instance<WarmUpExercise> exercises;
    private final Nobody nobody;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final List<WarmUpExercise> rotation = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> rounds = new ConcurrentHashMap<>();
    private volatile List<String> left = List.of();
    private volatile URI latestPage;
    private volatile long deadline;
    private volatile boolean started;
    private volatile boolean stopping;

    @Inject
    WarmUp(@ConfigProperty(name = "stepcalls.warm-up", defaultValue = "30s") Duration length,
            Instance<WarmUpExercise> exercises, Nobody nobody) {
        this(length, GRACE, exercises, nobody);
    }

    WarmUp(Duration length, Duration grace, Instance<WarmUpExercise> exercises, Nobody nobody) {
        this.length = length;
        this.grace = grace;
        this.exercises = exercises;
        this.nobody = nobody;
    }

    /** Where this instance's plain HTTP listens, once it does (a host of its own, or this machine); fired asynchronously. */
    void listening(@ObservesAsync HttpServerStart server) {
        String host = server.options().getHost();
        int port = server.options().getPort();
        if (port <= 0) { // a port chosen at random is not in the options: the exercise then has nothing to ask
            LOG.debugf("Warm-up: HTTP on a random port, the latest page is not asked over HTTP");
            return;
        }
        boolean anyIPv6 = host != null && (host.equals("::") || host.equals("[::]"));
        String name = host == null || host.equals("0.0.0.0") ? "127.0.0.1" : anyIPv6 ? "[::1]"
                : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        try {
            latestPage = URI.create("http://" + name + ":" + port + "/");
        } catch (IllegalArgumentException unusable) { // e.g. an IPv6 address with a zone
            LOG.warnf("Warm-up: the latest page is not asked over HTTP, %s is no address to ask it at", host);
        }
    }

    void start(@Observes StartupEvent startup) {
        List<WarmUpExercise> all = new ArrayList<>(exercises.stream().toList());
        if (!length.isZero() && !length.isNegative()) {
            all.add(new LatestPageOverHttp(nobody.openWarmUpKey(length.plus(grace))));
        }
        start(all);
    }

    /** Runs these exercises in turn on one thread per core (at most {@link #MAX_WORKERS}) until the length is over. */
    void start(List<WarmUpExercise> all) {
        if (length.isZero() || length.isNegative()) {
            nobody.retireWarmUpKey();
            finished.countDown();
            return;
        }
        long began = System.nanoTime();
        deadline = began + length.toNanos();
        LOG.infof("Warming up for %s before reporting ready",
                length.toMillis() % 1000 == 0 ? length.toSeconds() + " s" : length.toMillis() + " ms");
        all.forEach(exercise -> rounds.put(exercise.name(), new AtomicLong()));
        rotation.addAll(all);
        started = true;
        int workers = Math.min(MAX_WORKERS, Math.max(1, Runtime.getRuntime().availableProcessors()));
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
            nobody.retireWarmUpKey();
            left = rotation.stream().map(WarmUpExercise::name).toList();
            LOG.infof("Warmed up in %.0f s: %s", (System.nanoTime() - began) / 1e9, rounds.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().get() + " rounds").sorted().collect(Collectors.joining(", ")));
            finished.countDown();
            rotation.clear(); // nothing of it kept: the HTTP client goes with it
        });
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void exercise(int turn) {
        while (!stopping && System.nanoTime() - deadline < 0) {
            List<WarmUpExercise> now = List.copyOf(rotation);
            if (now.isEmpty()) {
                return;
            }
            WarmUpExercise exercise = now.get(Math.floorMod(turn++, now.size()));
            try {
                if (exercise.run()) {
                    rounds.get(exercise.name()).incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception | LinkageError e) {
                if (!stopping && rotation.remove(exercise)) { // the class only: a message could quote what was read
                    LOG.warnf("Warm-up left out %s: it failed with %s", exercise.name(), e.getClass().getName());
                }
            }
        }
    }

    /** The exercises that never failed (all of them, when none did), once the warm-up is over. */
    public List<String> exercisesLeft() {
        return done() ? left : rotation.stream().map(WarmUpExercise::name).toList();
    }

    /** Rounds this exercise has done so far. */
    public long rounds(String exercise) {
        AtomicLong done = rounds.get(exercise);
        return done == null ? 0 : done.get();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        nobody.retireWarmUpKey();
    }

    /** True once every round has ended after the length (at once when the warm-up is off). */
    public boolean done() {
        return finished.getCount() == 0;
    }

    @Override
    public HealthCheckResponse call() {
        if (done()) { // the key went with the last round
            return HealthCheckResponse.named(CHECK).up().build();
        }
        if (started && System.nanoTime() - (deadline + grace.toNanos()) >= 0) {
            nobody.retireWarmUpKey(); // a hung round's instance joins without it
            return HealthCheckResponse.named(CHECK).up().build();
        }
        long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000_000L);
        return HealthCheckResponse.named(CHECK).down().withData("seconds left", left).build();
    }

    /** The HTTP layer a member's request crosses, with the latest page a signed-in member is shown. */
    private final class LatestPageOverHttp implements WarmUpExercise {

        /** Straight to this process, never through a proxy the JVM may be configured with: the request carries the key. */
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2)).build();
        /** A cold first request may time out on a busy machine: left out only after this many in a row. */
        private static final int TRIES = 3;
        private final AtomicInteger failedInARow = new AtomicInteger();
        private final String key;

        LatestPageOverHttp(String key) {
            this.key = key;
        }

        @Override
        public String name() {
            return "the latest page over HTTP";
        }

        @Override
        public boolean run() throws Exception {
            URI address = latestPage;
            if (address == null) { // not listening yet, or over https only: nothing to ask
                Thread.sleep(100);
                return false;
            }
            HttpRequest request = HttpRequest.newBuilder(address).timeout(Duration.ofSeconds(5)).header("Accept", "text/html")
                    .header(WarmUpKeyMechanism.HEADER, key).build();
            HttpResponse<Void> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                if (failedInARow.incrementAndGet() < TRIES) {
                    return false;
                }
                nobody.retireWarmUpKey(); // left out of the rotation: nothing is to carry the key any more
                throw e;
            }
            failedInARow.set(0);
            if (response.statusCode() != 200) {
                nobody.retireWarmUpKey();
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            return true;
        }
    }
}
