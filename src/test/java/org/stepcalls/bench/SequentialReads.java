package org.stepcalls.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Rows PostgreSQL read by sequential scan, per table, from its statistics: a page that scans a
 * growing table shows here long before its plan is suspected (a table the planner thinks empty
 * because it was analysed before the run filled it).
 */
final class SequentialReads {

    private final String jdbcUrl;
    private final String password;

    SequentialReads(String jdbcUrl, String password) {
        this.jdbcUrl = jdbcUrl;
        this.password = password;
    }

    /** Rows read by sequential scan so far, by table. */
    Map<String, Long> now() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", password);
                Statement sql = connection.createStatement()) {
            // statistics reach the shared counters when a backend is idle, at most a second late
            sql.execute("SELECT pg_sleep(1.1)");
            sql.execute("SELECT pg_stat_clear_snapshot()");
            Map<String, Long> rows = new TreeMap<>();
            try (ResultSet tables = sql.executeQuery("SELECT relname, coalesce(seq_tup_read, 0) FROM pg_stat_user_tables")) {
                while (tables.next()) {
                    rows.put(tables.getString(1), tables.getLong(2));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read pg_stat_user_tables", e);
        }
    }

    /** The tables read sequentially between the two readings, as rows per request, most first; "" if none reached one. */
    static String perRequest(Map<String, Long> before, Map<String, Long> after, double requests) {
        return after.entrySet().stream()
                .map(table -> Map.entry(table.getKey(), (table.getValue() - before.getOrDefault(table.getKey(), 0L)) / requests))
                .filter(table -> table.getValue() >= 1)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(table -> String.format("%s %,.0f", table.getKey(), table.getValue()))
                .collect(Collectors.joining(", "));
    }
}
