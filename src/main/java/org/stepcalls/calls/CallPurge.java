package org.stepcalls.calls;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.stepcalls.forum.EmailEvent;
import org.stepcalls.platform.mail.MailOutbox;
import org.stepcalls.platform.security.Role;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.time.AppClock;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.privacy.DataKeys;
import org.stepcalls.privacy.KeyEpoch;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Retention (R16, R19): closed calls older than {@code STEPCALLS_RETENTION_AFTER_CLOSE} and any call
 * older than {@code STEPCALLS_RETENTION_MAX} are purged. For each, in one transaction per batch:
 * its anonymised outcome record is written, its data key is deleted (the caller's details in this
 * database become unreadable), then its topic goes — and with it, by cascade, posts, revisions,
 * templated records, notifications, search entries and the e-mails about it; the coordinators'
 * digests, queued or kept as sent copies, go too, as any may name it. Then the key of every epoch whose calls are
 * all past the maximum retention (plus one purge interval, the schedule's lag) is destroyed: from
 * then on no copy of the database from any date — WAL, replica, backup — opens those callers'
 * details, even with the master key. A PostgreSQL advisory lock, taken by each transaction, makes
 * it run once at a time across app instances.
 */
@ApplicationScoped
public class CallPurge {

    /** The advisory lock's key: any fixed 64-bit number that nothing else uses. */
    static final long LOCK_KEY = 0x5354_4550_4341_4C4CL; // "STEPCALL"
    /**
     * Taken by each batch (exclusive) once it holds {@link #LOCK_KEY}, and by a coordinators' digest (shared) before
     * it reads: a digest never reads a call a batch in flight is removing, and a batch waits the milliseconds a digest
     * takes instead of taking it for another purge and stopping.
     */
    public static final long DIGEST_FENCE = 0x5354_4550_4449_4745L; // "STEPDIGE"
    static final int BATCH = 200;

    private static final Logger LOG = Logger.getLogger(CallPurge.class);

    /** What one run did; {@code ran} is false when another purge held the lock. */
    public record Result(boolean ran, int purgedCalls, int purgedPosts, int keptOutcomes) {
    }

    private final AgroalDataSource dataSource;
    private final DataKeys dataKeys;
    private final AppClock clock;
    private final Duration afterClose;
    private final Duration max;
    private final Duration every;
    private final CallMetrics metrics;
    private final MailOutbox outbox;

    CallPurge(AgroalDataSource dataSource, DataKeys dataKeys, AppClock clock, CallMetrics metrics, MailOutbox outbox,
            @ConfigProperty(name = "stepcalls.retention-after-close") Duration afterClose,
            @ConfigProperty(name = "stepcalls.retention-max") Duration max,
            @ConfigProperty(name = "stepcalls.purge-every") String every) {
        this.dataSource = dataSource;
        this.dataKeys = dataKeys;
        this.clock = clock;
        this.afterClose = afterClose;
        this.max = max;
        this.every = interval(every);
        this.metrics = metrics;
        this.outbox = outbox;
    }

    @Scheduled(every = "${stepcalls.purge-every}", delayed = "${stepcalls.purge-first-after}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        Result result = run("schedule", null);
        if (result.purgedCalls() > 0) {
            LOG.infof("Purge: %d calls, %d posts removed; %d outcome records kept", result.purgedCalls(),
                    result.purgedPosts(), result.keptOutcomes());
        }
    }

    /** Coordinators and admins run it now (POST /api/admin/purge). */
    public Result runNow(Viewer viewer) {
        if (!viewer.has(Role.ADMIN) && !viewer.has(Role.COORDINATOR)) {
            throw ApiException.forbidden("Only coordinators and admins run the purge.");
        }
        Result result = run("manual", viewer.accountId());
        if (!result.ran()) {
            throw ApiException.conflict("purge_running", "A purge is running already; try again in a moment.");
        }
        return result;
    }

    Result run(String trigger, Long actorId) {
        OffsetDateTime started = clock.now();
        long startedNanos = System.nanoTime();
        int calls = 0;
        int posts = 0;
        boolean first = true;
        int[] batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> {
                int[] purged = purgeBatch();
                if (purged != null && purged[0] > 0) {
                    // a digest names calls by number and area but is linked to none: queued or a sent copy, it may name one of these
                    outbox.withdrawEvent(EmailEvent.DIGEST.jsonName());
                }
                return purged;
            });
            if (batch == null) { // another purge holds the lock: it carries on where this one stops
                if (first) {
                    return new Result(false, 0, 0, 0);
                }
                break;
            }
            first = false;
            calls += batch[0];
            posts += batch[1];
        } while (batch[0] == BATCH);
        List<KeyEpoch> shredded = QuarkusTransaction.requiringNew().call(() -> shredEndedEpochs(started, actorId));
        if (!shredded.isEmpty()) {
            LOG.infof("Purge: destroyed the keys of epochs %s", shredded);
        }
        int totalCalls = calls;
        int totalPosts = posts;
        QuarkusTransaction.requiringNew().run(() -> recordRun(started, trigger, actorId, totalCalls, totalPosts, totalCalls));
        metrics.purgeRan(Duration.ofNanos(System.nanoTime() - startedNanos), calls, posts);
        return new Result(true, calls, posts, calls);
    }

    /**
     * One batch in the caller's transaction: {purged calls, purged posts}, or null when another
     * purge holds the lock. The lock is the transaction's, so a purge needs one pool connection at
     * a time, like every request.
     */
    private int[] purgeBatch() throws SQLException {
        OffsetDateTime now = clock.now();
        try (Connection connection = dataSource.getConnection()) {
            if (!advisoryLock(connection, "pg_try_advisory_xact_lock")) {
                return null;
            }
            try (Statement fence = connection.createStatement()) {
                fence.execute("SELECT pg_advisory_xact_lock(" + DIGEST_FENCE + ")");
            }
            List<Long> due = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT topic_id FROM calls
                    WHERE (closed_at IS NOT NULL AND closed_at < ?) OR opened_at < ?
                    ORDER BY topic_id LIMIT ? FOR UPDATE SKIP LOCKED""")) {
                select.setObject(1, now.minus(afterClose));
                select.setObject(2, now.minus(max));
                select.setInt(3, BATCH);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        due.add(rows.getLong(1));
                    }
                }
            }
            if (due.isEmpty()) {
                return new int[] { 0, 0 };
            }
            Array ids = connection.createArrayOf("bigint", due.toArray());
            execute(connection, """
                    INSERT INTO outcome_records (iso_week, region, request_type, outcome, attempts_count, same_sex_match,
                                                 hours_to_close)
                    SELECT to_char(c.opened_at AT TIME ZONE 'UTC', 'IYYY-"W"IW'), a.region, c.request_type,
                           coalesce(c.outcome, 'expired_unclosed'),
                           (SELECT count(*) FROM call_records r WHERE r.call_id = c.topic_id AND r.kind = 'attempt'),
                           EXISTS (SELECT 1 FROM call_records r WHERE r.call_id = c.topic_id AND r.kind = 'attempt'
                                   AND r.result = 'accepted' AND r.same_sex),
                           CASE WHEN c.closed_at IS NULL THEN NULL
                                ELSE round((extract(epoch FROM c.closed_at - c.opened_at) / 3600.0)::numeric, 1) END
                    FROM calls c JOIN areas a ON a.id = c.area_id WHERE c.topic_id = ANY(?)""", ids);
            int posts;
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM posts WHERE topic_id = ANY(?)")) {
                count.setArray(1, ids);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    posts = rows.getInt(1);
                }
            }
            // the keys first: from here on the caller's details are unreadable everywhere
            execute(connection, "DELETE FROM data_keys WHERE id IN (SELECT data_key_id FROM calls WHERE topic_id = ANY(?))",
                    ids);
            execute(connection, "DELETE FROM topics WHERE id = ANY(?)", ids); // cascades to everything of the call
            return new int[] { due.size(), posts };
        }
    }

    /** An epoch's calls were all opened before its end, so all are due once its end is this far back. */
    private List<KeyEpoch> shredEndedEpochs(OffsetDateTime now, Long actorId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) { // the transaction's connection: the lock stays
            if (!advisoryLock(connection, "pg_try_advisory_xact_lock")) {
                return List.of(); // another instance is purging, and shreds them
            }
        }
        return dataKeys.shredEpochsEndedBefore(now.minus(max).minus(every), actorId);
    }

    /** {@code stepcalls.purge-every} as a duration: ISO-8601 or the scheduler's {@code 15m}; {@code off} is none. */
    static Duration interval(String every) {
        String value = every.strip().toLowerCase();
        if (value.equals("off") || value.equals("disabled")) {
            return Duration.ZERO;
        }
        if (value.matches("\\d+[smhd]")) {
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        return Duration.parse(value.toUpperCase());
    }

    private static void execute(Connection connection, String sql, Array ids) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, ids);
            statement.executeUpdate();
        }
    }

    private static boolean advisoryLock(Connection connection, String function) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT " + function + "(" + LOCK_KEY + ")")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    private void recordRun(OffsetDateTime started, String trigger, Long actorId, int calls, int posts, int kept) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO purge_runs (started_at, finished_at, trigger, actor_id, purged_calls, purged_posts, kept_outcomes)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, started);
            insert.setObject(2, clock.now());
            insert.setString(3, trigger);
            insert.setObject(4, actorId);
            insert.setInt(5, calls);
            insert.setInt(6, posts);
            insert.setInt(7, kept);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the purge run", e);
        }
    }
}
