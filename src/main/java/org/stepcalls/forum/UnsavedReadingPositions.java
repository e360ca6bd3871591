package org.stepcalls.forum;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Where readers got to in the topics they opened during the last moment, written together.
 *
 * <p>A topic view that reads something new moves its reader's position; written by the view itself,
 * that was an insert and a commit per page, and it halved the topic page's rate (someone reading
 * topics they never opened before, as the load benchmark does). Kept here instead and written every
 * {@link #INTERVAL} in one statement on one connection, as Discourse's browsers send their reading
 * timings in batches. What this costs: another app instance sees a position up to that moment late,
 * and a crash forgets the positions of that moment (never a post, a draft or a setting). This
 * instance sees them at once: a topic's view adds them ({@link #of}), and a reader's lists write
 * theirs first ({@link #saveFor}).
 */
@ApplicationScoped
class UnsavedReadingPositions {

    static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Logger LOG = Logger.getLogger(UnsavedReadingPositions.class);

    /**
     * Never moves a position back; marks read the notifications of the posts now read, as Discourse
     * does (a mention or a reply seen in the topic needs no second look in the list, and the next
     * reply is told anew instead of collapsed into it) — skipping one a reply is collapsing into at
     * this moment (locked): it is read at the next view, and no lock is waited for here; leaves out topics purged and people erased since (rows for them
     * would be kept for nobody, or fail the foreign keys), and takes the rows in key order so two
     * instances writing at once cannot deadlock.
     */
    private static final String SAVE = """
            WITH v AS (SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::int[]) AS v(account_id, topic_id, post_number)),
            seen AS (UPDATE notifications SET read_at = now() WHERE id IN (SELECT n.id FROM v
                JOIN notifications n ON n.account_id = v.account_id AND n.read_at IS NULL AND n.topic_id = v.topic_id
                JOIN posts p ON p.id = n.post_id
                WHERE COALESCE(n.last_post_number, p.post_number) <= v.post_number FOR UPDATE OF n SKIP LOCKED))
            INSERT INTO topic_users (account_id, topic_id, last_read_post_number)
            SELECT v.account_id, v.topic_id, v.post_number
            FROM v
            WHERE EXISTS (SELECT 1 FROM topics t WHERE t.id = v.topic_id)
              AND EXISTS (SELECT 1 FROM accounts a WHERE a.id = v.account_id AND a.issuer <> 'erased')
            ORDER BY v.account_id, v.topic_id
            ON CONFLICT (account_id, topic_id) DO UPDATE SET last_read_post_number =
                GREATEST(COALESCE(topic_users.last_read_post_number, 0), EXCLUDED.last_read_post_number)""";

    private record Key(long accountId, long topicId) {
    }

    private final Map<Key, Integer> unsaved = new ConcurrentHashMap<>();
    private final AgroalDataSource dataSource;
    private ScheduledExecutorService writer;
    private volatile boolean failing;

    UnsavedReadingPositions(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The reader is at {@code postNumber} of the topic now (a lower number than one kept changes nothing). */
    void remember(long accountId, long topicId, int postNumber) {
        unsaved.merge(new Key(accountId, topicId), postNumber, Math::max);
    }

    /** The position not yet written for this reader and topic, 0 if none. */
    int of(long accountId, long topicId) {
        return unsaved.getOrDefault(new Key(accountId, topicId), 0);
    }

    /** Writes this reader's positions on the request's connection, before something reads them from the database. */
    void saveFor(long accountId, Connection connection) throws SQLException {
        Map<Key, Integer> theirs = take(accountId);
        if (theirs.isEmpty()) {
            return;
        }
        try {
            save(theirs, connection);
        } catch (SQLException | RuntimeException e) {
            theirs.forEach(this::putBack);
            throw e;
        }
    }

    /**
     * Writes everything kept, in a transaction of its own committed without waiting for the disk. The
     * positions stay kept until that commit: taken out before it, a reader's list in the meantime found
     * neither them here nor their rows yet, and showed a topic just read as new.
     */
    void saveAll() {
        Map<Key, Integer> all = Map.copyOf(unsaved);
        if (all.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement async = connection.createStatement()) {
                async.execute("SET LOCAL synchronous_commit = off"); // the positions of a moment: a crash may forget them
            }
            save(all, connection);
            connection.commit();
            all.forEach((key, number) -> unsaved.remove(key, number)); // one moved on meanwhile stays for the next write
            if (failing) {
                failing = false;
                LOG.info("Reading positions are written again");
            }
        } catch (SQLException | RuntimeException e) { // all still kept for the next try
            if (!failing) { // once per outage, not every INTERVAL
                failing = true;
                // the class and SQL state only: a message could quote a row
                LOG.warnf("Reading positions not written, kept for the next try: %s (%s)", e.getClass().getName(),
                        e instanceof SQLException sql ? sql.getSQLState() : "-");
            }
        }
    }

    private void save(Map<Key, Integer> positions, Connection connection) throws SQLException {
        List<Long> accounts = new ArrayList<>(positions.size());
        List<Long> topics = new ArrayList<>(positions.size());
        List<Integer> numbers = new ArrayList<>(positions.size());
        positions.forEach((key, number) -> {
            accounts.add(key.accountId());
            topics.add(key.topicId());
            numbers.add(number);
        });
        try (PreparedStatement upsert = connection.prepareStatement(SAVE)) {
            upsert.setArray(1, connection.createArrayOf("bigint", accounts.toArray()));
            upsert.setArray(2, connection.createArrayOf("bigint", topics.toArray()));
            upsert.setArray(3, connection.createArrayOf("integer", numbers.toArray()));
            upsert.executeUpdate();
        }
    }

    /** Writes one position now on the request's connection: the reader's own new post, read as they post it. */
    void saveNow(long accountId, long topicId, int postNumber, Connection connection) throws SQLException {
        save(Map.of(new Key(accountId, topicId), postNumber), connection);
    }

    /** Removes and returns this reader's positions; one remembered meanwhile stays for the next write. */
    private Map<Key, Integer> take(long accountId) {
        Map<Key, Integer> taken = new java.util.HashMap<>();
        for (Key key : unsaved.keySet()) {
            if (key.accountId() == accountId) {
                Integer number = unsaved.remove(key);
                if (number != null) {
                    taken.put(key, number);
                }
            }
        }
        return taken;
    }

    private void putBack(Key key, int number) {
        unsaved.merge(key, number, Math::max);
    }

    void start(@Observes StartupEvent event) {
        writer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "stepcalls-reading-positions");
            thread.setDaemon(true);
            return thread;
        });
        writer.scheduleWithFixedDelay(this::saveAll, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Before the embedded database stops: what is kept is written once more. */
    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) throws InterruptedException {
        if (writer != null) {
            writer.shutdown();
            writer.awaitTermination(5, TimeUnit.SECONDS);
        }
        saveAll();
    }
}
