package org.stepcalls.outcomes;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;

import io.agroal.api.AgroalDataSource;

/**
 * What the calls achieved, for members (R20): aggregates of the anonymised outcome records only —
 * never the call tables — with every count below {@value #MIN_SHOWN} shown as "&lt;5" and its
 * median and rate withheld, so no row can point at one caller.
 */
@ApplicationScoped
public class OutcomeReport {

    public static final int MIN_SHOWN = 5;
    public static final String SUPPRESSED = "<5";
    public static final List<String> OUTCOMES = List.of("volunteer_phoned", "visit_in_pairs", "referred_to_meeting",
            "caller_unreachable", "caller_declined", "no_volunteer_found", "expired_unclosed");

    /** One group; {@code count} is a number, or "&lt;5". */
    public record Row(String period, String region, String requestType, String outcome, Object count,
            Double medianHoursToClose, Double sameSexMatchRate) {
    }

    /** The whole range by outcome, for the chart; {@code count} null when suppressed. */
    public record Total(String outcome, Integer count, boolean suppressed) {
    }

    public record Report(String from, String to, String by, List<Row> rows, List<Total> totals) {
    }

    private final AgroalDataSource dataSource;

    OutcomeReport(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Report report(Viewer viewer, String fromWeek, String toWeek, String by) {
        if (!viewer.isSignedIn() || viewer.roles().isEmpty()) {
            throw ApiException.forbidden("Outcomes are for members of the fellowship.");
        }
        String to = toWeek == null || toWeek.isBlank() ? isoWeek(LocalDate.now()) : week("to", toWeek);
        String from = fromWeek == null || fromWeek.isBlank() ? isoWeek(LocalDate.now().minusWeeks(11)) : week("from", fromWeek);
        if (from.compareTo(to) > 0) {
            throw ApiException.invalidField("from", "'from' must not be after 'to'.");
        }
        String grouping = by == null || by.isBlank() ? "week" : by;
        String period = switch (grouping) {
            case "week" -> "iso_week";
            case "month" -> "to_char(to_date(iso_week, 'IYYY-\"W\"IW'), 'YYYY-MM')";
            default -> throw ApiException.invalidField("by", "Group by week or month.");
        };
        try (Connection connection = dataSource.getConnection()) {
            return new Report(from, to, grouping, rows(connection, period, from, to), totals(connection, from, to));
        } catch (SQLException e) {
            throw new IllegalStateException("Outcome report failed", e);
        }
    }

    private static List<Row> rows(Connection connection, String period, String from, String to) throws SQLException {
        String sql = """
                SELECT %s AS period, region, request_type, outcome, count(*),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY hours_to_close), avg(same_sex_match::int)
                FROM outcome_records WHERE iso_week BETWEEN ? AND ?
                GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4""".formatted(period);
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, from);
            statement.setString(2, to);
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    int count = r.getInt(5);
                    boolean shown = count >= MIN_SHOWN;
                    rows.add(new Row(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            shown ? (Object) count : SUPPRESSED, shown ? rounded(r.getObject(6)) : null,
                            shown ? rounded(r.getObject(7)) : null));
                }
            }
        }
        return rows;
    }

    private static List<Total> totals(Connection connection, String from, String to) throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        OUTCOMES.forEach(o -> counts.put(o, 0));
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT outcome, count(*) FROM outcome_records WHERE iso_week BETWEEN ? AND ? GROUP BY outcome")) {
            statement.setString(1, from);
            statement.setString(2, to);
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getInt(2));
                }
            }
        }
        return counts.entrySet().stream().map(e -> e.getValue() >= MIN_SHOWN ? new Total(e.getKey(), e.getValue(), false)
                : new Total(e.getKey(), null, e.getValue() > 0)).toList();
    }

    static String isoWeek(LocalDate date) {
        return String.format("%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static String week(String field, String value) {
        if (!value.matches("\\d{4}-W(0[1-9]|[1-4]\\d|5[0-3])")) {
            throw ApiException.invalidField(field, "'" + field + "' is an ISO week such as 2026-W05.");
        }
        return value;
    }

    private static Double rounded(Object value) {
        if (value == null) {
            return null;
        }
        double number = value instanceof BigDecimal decimal ? decimal.doubleValue() : ((Number) value).doubleValue();
        return Math.round(number * 100) / 100.0;
    }
}
