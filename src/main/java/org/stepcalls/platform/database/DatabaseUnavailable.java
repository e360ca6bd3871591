package org.stepcalls.platform.database;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;

/**
 * Tells a database that cannot be reached (down, restarting, every pooled connection busy until
 * the acquisition timeout) from a fault in the request: the first deserves a 503 and a "try again".
 *
 * <p>The transaction manager reports a commit that failed with a {@link RollbackException} whose
 * resource errors are <em>suppressed</em>, not causes (Narayana's deferred throwables), so both
 * are searched.
 */
public final class DatabaseUnavailable {

    /** admin shutdown, crash shutdown, cannot connect now (starting or recovering), too many connections */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseUnavailable() {
    }

    public static boolean causedBy(Throwable failure) {
        return anyInChain(failure, t -> t instanceof SQLException sql && (unavailable(sql.getSQLState()) || fromThePool(sql)));
    }

    /**
     * The database went away while the transaction was being committed: the COMMIT may have reached
     * PostgreSQL before the connection broke, so whether the write was saved cannot be known here.
     */
    public static boolean duringCommit(Throwable failure) {
        return causedBy(failure) && anyInChain(failure, t -> t instanceof RollbackException
                || t instanceof HeuristicMixedException || t instanceof HeuristicRollbackException);
    }

    private static boolean anyInChain(Throwable failure, Predicate<Throwable> test) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        if (failure != null) {
            pending.push(failure);
        }
        while (!pending.isEmpty()) {
            Throwable t = pending.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (test.test(t)) {
                return true;
            }
            if (t.getCause() != null) {
                pending.push(t.getCause());
            }
            for (Throwable suppressed : t.getSuppressed()) {
                pending.push(suppressed);
            }
        }
        return false;
    }

    private static boolean unavailable(String sqlState) {
        // class 08: connection exceptions (refused, broken, closed by the server's death)
        return sqlState != null && (sqlState.startsWith("08") || UNAVAILABLE_STATES.contains(sqlState));
    }

    /**
     * Agroal raises the acquisition timeout (the pool itself) and a use of a connection it closed
     * after a fatal error (the connection's wrapper) without an SQL state. A result set or statement
     * used after it was closed is raised there too, but that is the code's fault, not an outage.
     */
    private static boolean fromThePool(SQLException sql) {
        StackTraceElement[] trace = sql.getStackTrace();
        return sql.getSQLState() == null && trace.length > 0 && POOL_CLASSES.contains(trace[0].getClassName());
    }

    private static final Set<String> POOL_CLASSES = Set.of("io.agroal.pool.ConnectionPool",
            "io.agroal.pool.wrapper.ConnectionWrapper");
}
