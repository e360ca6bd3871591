package org.stepcalls.platform.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Tells this instance when a table it caches changed — on this instance, on another one, through
 * psql or by a newer version's migration: a trigger on the table sends {@code NOTIFY} on
 * {@value #CHANNEL} with its name, delivered when the change commits, and one connection of our
 * own (not the pool's) listens. Each table has a version that moves on with every change; a
 * {@link CachedTable} keeps its value only while the version is the one it read.
 *
 * <p>While that connection is down (the database restarting) changes would be missed, so no
 * table has a version then and caches read through to the database; once it is back every version
 * moves on, since anything may have changed meanwhile. A table without the trigger is never cached.
 */
@ApplicationScoped
public class TableChanges {

    public static final String CHANNEL = "stepcalls_table_changed";
    /** How the listening connection shows in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "stepcalls-table-changes";
    /** A version no cache matches: read from the database. */
    static final long UNKNOWN = -1;

    private static final Logger LOG = Logger.getLogger(TableChanges.class);
    /**
     * How often the listening connection is asked whether it is alive, and how long it may take to say:
     * a connection that dies silently misses the changes made meanwhile, and the kept accounts (an
     * erased one among them) would be served that long — about a second's wait plus twice this.
     */
    private static final Duration LIVENESS_CHECK = Duration.ofSeconds(2);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Config config;
    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final Set<String> withoutTrigger = ConcurrentHashMap.newKeySet();
    private volatile boolean listening;
    private volatile boolean stopped;
    private Thread listener;

    TableChanges(Config config) {
        this.config = config;
    }

    /** A cache of something read from {@code table}, dropped whenever the table changes on any instance. */
    public <T> CachedTable<T> cache(String table) {
        versions.computeIfAbsent(table, name -> new AtomicLong());
        return new CachedTable<>(this, table);
    }

    /** The table's version while every change to it is heard; {@link #UNKNOWN} otherwise. */
    long version(String table) {
        AtomicLong version = versions.get(table);
        if (!listening || version == null || withoutTrigger.contains(table)) {
            return UNKNOWN;
        }
        return version.get();
    }

    /** Whether this instance hears every change right now. */
    public boolean isListening() {
        return listening;
    }

    void start(@Observes StartupEvent event) {
        stopped = false;
        listener = new Thread(this::listen, APPLICATION_NAME);
        listener.setDaemon(true);
        listener.start();
    }

    /** Before the embedded database stops, so that its going is not taken for a lost connection. */
    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) throws InterruptedException {
        stopped = true;
        listening = false;
        if (listener != null) {
            listener.interrupt();
            listener.join(LIVENESS_CHECK.toMillis());
        }
    }

    private void listen() {
        long backoffMillis = 100;
        boolean everListened = false;
        boolean failureLogged = false;
        while (!stopped) {
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                findTablesWithoutTrigger(connection);
                versions.values().forEach(AtomicLong::incrementAndGet); // changes while deaf are unknown
                listening = true;
                if (everListened) {
                    LOG.info("Listening to table changes again; caches are in use");
                }
                everListened = true;
                failureLogged = false;
                backoffMillis = 100;
                hear(connection);
            } catch (SQLException | RuntimeException lost) {
                boolean was = listening;
                listening = false;
                if (stopped) {
                    break;
                }
                if (was || !failureLogged) {
                    // class and SQL state only: a message could quote something from the database
                    LOG.warnf("Cannot listen to table changes (%s, SQL state %s); caches read through to the database"
                            + " until it can", lost.getClass().getSimpleName(),
                            lost instanceof SQLException sql ? sql.getSQLState() : "none");
                    failureLogged = true;
                }
            }
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException interrupted) {
                break;
            }
            backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
        }
        listening = false;
    }

    /** Takes notifications until the connection fails; checks it now and then, as a dead socket may stay silent. */
    private void hear(Connection connection) throws SQLException {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        long checked = System.nanoTime();
        while (!stopped) {
            PGNotification[] notifications = postgres.getNotifications(1000);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    AtomicLong version = versions.get(notification.getParameter());
                    if (version != null) {
                        version.incrementAndGet();
                    }
                }
            }
            if (System.nanoTime() - checked > LIVENESS_CHECK.toNanos()) {
                if (!connection.isValid((int) LIVENESS_CHECK.toSeconds())) {
                    throw new SQLException("the listening connection stopped answering", "08006");
                }
                checked = System.nanoTime();
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(user -> properties.setProperty("user", user));
        config.getOptionalValue("quarkus.datasource.password", String.class)
                .ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("logServerErrorDetail", "false");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class), properties);
    }

    private void findTablesWithoutTrigger(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
                               WHERE t.tgrelid = to_regclass(?) AND p.proname = 'stepcalls_notify_table_changed'
                                 AND t.tgenabled <> 'D')""")) {
            for (String table : versions.keySet()) {
                statement.setString(1, table);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    if (result.getBoolean(1)) {
                        withoutTrigger.remove(table);
                    } else if (withoutTrigger.add(table)) {
                        LOG.warnf("Table %s has no change trigger: it is read from the database every time", table);
                    }
                }
            }
        }
    }
}
