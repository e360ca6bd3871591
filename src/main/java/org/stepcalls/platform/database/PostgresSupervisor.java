package org.stepcalls.platform.database;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

/**
 * Restarts the embedded PostgreSQL when its postmaster exits behind the application's back —
 * killed (an OOM killer, {@code kill -9}) or stopped ({@code pg_ctl stop}) — on the same data
 * directory and port; PostgreSQL's crash recovery replays the WAL. Restarts back off; after
 * {@value #FAILED_RESTARTS_BEFORE_DOWN} failures in a row the supervisor reports a failure (liveness
 * goes DOWN, so a process manager restarts the whole application) and keeps trying meanwhile.
 */
final class PostgresSupervisor {

    static final int FAILED_RESTARTS_BEFORE_DOWN = 5;

    private static final Logger LOG = Logger.getLogger(PostgresSupervisor.class);
    private static final long[] BACKOFF_MILLIS = { 0, 250, 500, 1000, 2000, 4000 };
    private static final long MAX_BACKOFF_MILLIS = 5000;

    private final PostgresServer server;
    private final List<Runnable> afterRestart = new CopyOnWriteArrayList<>();
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile ProcessHandle postmaster;
    private volatile boolean stopped;
    private volatile String failure;

    PostgresSupervisor(PostgresServer server) {
        this.server = server;
    }

    /** Watches this postmaster; when it exits, restarts it (unless {@link #stop} was called first). */
    void watch(ProcessHandle process) {
        postmaster = process;
        process.onExit().thenRun(() -> {
            if (!stopped && process == postmaster) {
                Thread restarter = new Thread(this::restartUntilUp, "stepcalls-postgres-restart");
                restarter.setDaemon(true);
                restarter.start();
            }
        });
    }

    /** Stops supervising (before a deliberate shutdown, or when another class loader takes over). */
    void stop() {
        stopped = true;
    }

    ProcessHandle postmaster() {
        return postmaster;
    }

    /** Why the database is down for good, while restarts keep failing. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    int restarts() {
        return restarts.get();
    }

    /** Runs after every successful restart (the pool drops its dead connections). */
    void afterRestart(Runnable action) {
        afterRestart.add(action);
    }

    private void restartUntilUp() {
        long exitedAt = System.nanoTime();
        for (int failures = 0; !stopped && !jvmShuttingDown(); ) {
            pause(failures < BACKOFF_MILLIS.length ? BACKOFF_MILLIS[failures] : MAX_BACKOFF_MILLIS);
            if (stopped || jvmShuttingDown()) {
                return;
            }
            try {
                Process restarted = server.start();
                if (stopped) {
                    // the application began stopping while this restart ran: leave nothing behind
                    server.stop(restarted.toHandle());
                    return;
                }
                failure = null;
                LOG.warnf("The embedded PostgreSQL had exited; restarted on port %d after %d ms (restart %d)", server.port(),
                        (System.nanoTime() - exitedAt) / 1_000_000, restarts.incrementAndGet());
                afterRestart.forEach(PostgresSupervisor::runQuietly);
                watch(restarted.toHandle());
                return;
            } catch (IOException | RuntimeException e) {
                failures++;
                LOG.errorf("The embedded PostgreSQL has exited and restart attempt %d failed: %s", failures, e.getMessage());
                if (failures >= FAILED_RESTARTS_BEFORE_DOWN) {
                    failure = "The embedded PostgreSQL exited and " + failures + " restarts in a row failed; the last: "
                            + e.getMessage();
                }
            }
        }
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warnf("An after-restart action failed: %s", e.getClass().getName());
        }
    }

    /** A restart during JVM shutdown would leave an orphaned server behind. */
    private static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
