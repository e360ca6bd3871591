package org.stepcalls.platform.database;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells a database that cannot be reached (down, restarting, every pooled connection busy until
 * the acquisition timeout) from a fault in the request: the first deserves a 503 and a "try again".
 */
public final class DatabaseUnavailable {

    /** admin shutdown, crash shutdown, cannot connect now (starting or recovering), too many connections */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseUnavailable() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (unavailable(sql.getSQLState()) || fromThePool(sql))) {
                return true;
            }
        }
        return false;
    }

    private static boolean unavailable(String sqlState) {
        // class 08: connection exceptions (refused, broken, closed by the server's death)
        return sqlState != null && (sqlState.startsWith("08") || UNAVAILABLE_STATES.contains(sqlState));
    }

    /** Agroal's acquisition timeout carries no SQL state; it is raised by the pool itself. */
    private static boolean fromThePool(SQLException sql) {
        StackTraceElement[] trace = sql.getStackTrace();
        return sql.getSQLState() == null && trace.length > 0 && trace[0].getClassName().startsWith("io.agroal.");
    }
}
