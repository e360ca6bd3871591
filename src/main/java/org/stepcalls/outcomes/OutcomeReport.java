package org.stepcalls.outcomes;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
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
 * never the call tables.
 *
 * <p>No count below {@value #MIN_SHOWN} can be worked out from any combination of answers. The
 * atoms are week cells (ISO week × region × request type × outcome): each is released as its count
 * when it holds at least {@value #MIN_SHOWN} calls and as "&lt;5" otherwise, whatever range is
 * asked. A month or quarter is a fixed calendar period (a week belongs to the month of its
 * Monday; asked ranges widen to whole periods), and its cell gives its own count only when none
 * of its weeks is suppressed — otherwise the count of its released weeks and "+ &lt;5 more".
 * Totals likewise add released week cells only. So every number given is a sum of released week
 * cells, and no sum or difference of them contains a suppressed one. The same-sex match rate,
 * which times the count gives a count of calls, follows the same rule for the matched and the
 * unmatched calls of each week.
 */
@ApplicationScoped
public class OutcomeReport {

    public static final int MIN_SHOWN = 5;
    public static final String SUPPRESSED = "<5";
    public static final List<String> OUTCOMES = List.of("volunteer_phoned", "visit_in_pairs", "referred_to_meeting",
            "caller_unreachable", "caller_declined", "no_volunteer_found", "expired_unclosed", "welcomed_at_meeting",
            // what ended at intake, no call opened (request type "intake")
            "referred_to_meeting_at_intake", "refused_not_addict", "refused_prison_gate");

    /** One group; {@code count} is a number, "&lt;5", or released weeks plus "&lt;5 more" (see {@link #shown}). */
    public record Row(String period, String region, String requestType, String outcome, Object count,
            Double medianHoursToClose, Double sameSexMatchRate) {
    }

    /**
     * The whole range by outcome, for the chart: {@code count} adds the released week cells only;
     * {@code smallGroups} is how many week cells of fewer than 5 it leaves out.
     */
    public record Total(String outcome, int count, int smallGroups) {

        public boolean suppressed() {
            return smallGroups > 0;
        }

        public Object shown() {
            return OutcomeReport.shown(count, smallGroups);
        }
    }

    public record Report(String from, String to, String by, List<Row> rows, List<Total> totals) {
    }

    /** A fixed calendar period: how PostgreSQL names it from an ISO week, and its first and last day. */
    private enum Grouping {
        WEEK("%s"),
        MONTH("to_char(to_date(%s, 'IYYY-\"W\"IW'), 'YYYY-MM')"),
        QUARTER("to_char(to_date(%s, 'IYYY-\"W\"IW'), 'YYYY-\"Q\"Q')");

        final String sql;

        Grouping(String sql) {
            this.sql = sql;
        }

        LocalDate firstDay(LocalDate day) {
            return switch (this) {
                case WEEK -> day;
                case MONTH -> day.withDayOfMonth(1);
                case QUARTER -> day.withMonth(1 + (day.getMonthValue() - 1) / 3 * 3).withDayOfMonth(1);
            };
        }

        LocalDate lastDay(LocalDate day) {
            return switch (this) {
                case WEEK -> day;
                case MONTH -> day.with(TemporalAdjusters.lastDayOfMonth());
                case QUARTER -> firstDay(day).plusMonths(2).with(TemporalAdjusters.lastDayOfMonth());
            };
        }
    }

    private final AgroalDataSource dataSource;

    OutcomeReport(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Report report(Viewer viewer, String fromWeek, String toWeek, String by) {
        if (!viewer.isSignedIn() || viewer.roles().isEmpty()) {
            throw ApiException.forbidden("Outcomes are for members of the fellowship.");
        }
        String grouping = by == null || by.isBlank() ? "week" : by;
        Grouping period = switch (grouping) {
            case "week" -> Grouping.WEEK;
            case "month" -> Grouping.MONTH;
            case "quarter" -> Grouping.QUARTER;
            default -> throw ApiException.invalidField("by", "Group by week, month or quarter.");
        };
        LocalDate toMonday = toWeek == null || toWeek.isBlank() ? monday(LocalDate.now()) : monday("to", toWeek);
        LocalDate fromMonday = fromWeek == null || fromWeek.isBlank() ? toMonday.minusWeeks(11) : monday("from", fromWeek);
        if (fromMonday.isAfter(toMonday)) {
            throw ApiException.invalidField("from", "'from' must not be after 'to'.");
        }
        // whole periods only: a part of a month would be a new cell that differs from the whole by a week
        String from = isoWeek(period.firstDay(fromMonday).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY)));
        String to = isoWeek(period.lastDay(toMonday).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        try (Connection connection = dataSource.getConnection()) {
            return new Report(from, to, grouping, rows(connection, period, from, to), totals(connection, from, to));
        } catch (SQLException e) {
            throw new IllegalStateException("Outcome report failed", e);
        }
    }

    /**
     * A count as members may see it: released week cells add up to {@code released}; {@code small}
     * week cells of fewer than 5 are left out and only said to be there.
     */
    static Object shown(int released, int small) {
        if (small == 0) {
            return released;
        }
        if (released == 0) {
            return small == 1 ? SUPPRESSED : small + " groups of " + SUPPRESSED;
        }
        return small == 1 ? released + " + " + SUPPRESSED + " more" : released + " + " + small + " groups of " + SUPPRESSED;
    }

    private static List<Row> rows(Connection connection, Grouping period, String from, String to) throws SQLException {
        // parameters, in order: the range for the week cells, the range again for the periods, the threshold four times
        String sql = """
                WITH weeks AS (
                    SELECT iso_week, region, request_type, outcome, count(*) AS n,
                           count(*) FILTER (WHERE same_sex_match) AS m
                    FROM outcome_records WHERE iso_week BETWEEN ? AND ? GROUP BY 1, 2, 3, 4),
                periods AS (
                    SELECT %1$s AS period, region, request_type, outcome, count(*) AS n,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY hours_to_close) AS median,
                           avg(same_sex_match::int) AS rate
                    FROM outcome_records WHERE iso_week BETWEEN ? AND ? GROUP BY 1, 2, 3, 4)
                SELECT p.period, p.region, p.request_type, p.outcome, p.median, p.rate,
                       coalesce(sum(w.n) FILTER (WHERE w.n >= ?), 0), count(*) FILTER (WHERE w.n < ?),
                       bool_and((w.m = 0 OR w.m >= ?) AND (w.n - w.m = 0 OR w.n - w.m >= ?))
                FROM periods p JOIN weeks w ON %2$s = p.period AND w.region = p.region
                     AND w.request_type = p.request_type AND w.outcome = p.outcome
                GROUP BY p.period, p.region, p.request_type, p.outcome, p.median, p.rate
                ORDER BY 1, 2, 3, 4""".formatted(period.sql.formatted("iso_week"), period.sql.formatted("w.iso_week"));
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, from);
            statement.setString(2, to);
            statement.setString(3, from);
            statement.setString(4, to);
            statement.setInt(5, MIN_SHOWN);
            statement.setInt(6, MIN_SHOWN);
            statement.setInt(7, MIN_SHOWN);
            statement.setInt(8, MIN_SHOWN);
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    int released = r.getInt(7);
                    int small = r.getInt(8);
                    boolean whole = small == 0; // every week of it released: its own figures reveal nothing new
                    // a rate times the count is a count too: shown only when each week's matched and
                    // unmatched calls are none or at least 5
                    boolean rateShown = whole && r.getBoolean(9);
                    rows.add(new Row(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            shown(released, small), whole ? rounded(r.getObject(5)) : null,
                            rateShown ? rounded(r.getObject(6)) : null));
                }
            }
        }
        return rows;
    }

    private static List<Total> totals(Connection connection, String from, String to) throws SQLException {
        Map<String, Total> totals = new LinkedHashMap<>();
        OUTCOMES.forEach(o -> totals.put(o, new Total(o, 0, 0)));
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT outcome, coalesce(sum(n) FILTER (WHERE n >= ?), 0), count(*) FILTER (WHERE n < ?)
                FROM (SELECT outcome, count(*) AS n FROM outcome_records WHERE iso_week BETWEEN ? AND ?
                      GROUP BY iso_week, region, request_type, outcome) AS weeks
                GROUP BY outcome""")) {
            statement.setInt(1, MIN_SHOWN);
            statement.setInt(2, MIN_SHOWN);
            statement.setString(3, from);
            statement.setString(4, to);
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    totals.put(r.getString(1), new Total(r.getString(1), r.getInt(2), r.getInt(3)));
                }
            }
        }
        return List.copyOf(totals.values());
    }

    static String isoWeek(LocalDate date) {
        return String.format("%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The Monday of an ISO week such as 2026-W05 (the day PostgreSQL's to_date gives it too). */
    private static LocalDate monday(String field, String value) {
        if (!value.matches("\\d{4}-W(0[1-9]|[1-4]\\d|5[0-3])")) {
            throw ApiException.invalidField(field, "'" + field + "' is an ISO week such as 2026-W05.");
        }
        LocalDate midYear = LocalDate.of(Integer.parseInt(value.substring(0, 4)), 6, 1);
        int week = Integer.parseInt(value.substring(6));
        if (week > midYear.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
            throw ApiException.invalidField(field, "'" + field + "': " + value.substring(0, 4) + " has no week " + week + ".");
        }
        return monday(midYear.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week));
    }

    private static Double rounded(Object value) {
        if (value == null) {
            return null;
        }
        double number = value instanceof BigDecimal decimal ? decimal.doubleValue() : ((Number) value).doubleValue();
        return Math.round(number * 100) / 100.0;
    }
}
