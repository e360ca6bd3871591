package org.stepcalls.outcomes.api;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.stepcalls.outcomes.OutcomeReport;
import org.stepcalls.platform.security.CurrentUser;

import io.quarkus.security.Authenticated;

/**
 * Members' outcomes (API.md "Privacy and outcomes"): aggregates only, counts below 5 as "<5"; a
 * month or quarter with a week below 5 gives its released weeks' count and "+ <5 more" (R20).
 */
@Path("/api/outcomes")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class OutcomesResource {

    public record WeekRow(String week, String region, String requestType, String outcome, Object count,
            Double medianHoursToClose, Double sameSexMatchRate) {
    }

    public record MonthRow(String month, String region, String requestType, String outcome, Object count,
            Double medianHoursToClose, Double sameSexMatchRate) {
    }

    public record QuarterRow(String quarter, String region, String requestType, String outcome, Object count,
            Double medianHoursToClose, Double sameSexMatchRate) {
    }

    private final OutcomeReport report;
    private final CurrentUser currentUser;

    OutcomesResource(OutcomeReport report, CurrentUser currentUser) {
        this.report = report;
        this.currentUser = currentUser;
    }

    /** {@code by=week} (default) answers {@code {weeks:[…]}}, {@code by=month} {@code {months:[…]}}, {@code by=quarter} {@code {quarters:[…]}}. */
    @GET
    public Map<String, List<?>> outcomes(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("by") String by) {
        OutcomeReport.Report result = report.report(currentUser.viewer(), from, to, by);
        if (result.by().equals("quarter")) {
            return Map.of("quarters", result.rows().stream().map(r -> new QuarterRow(r.period(), r.region(),
                    r.requestType(), r.outcome(), r.count(), r.medianHoursToClose(), r.sameSexMatchRate())).toList());
        }
        if (result.by().equals("month")) {
            return Map.of("months", result.rows().stream().map(r -> new MonthRow(r.period(), r.region(), r.requestType(),
                    r.outcome(), r.count(), r.medianHoursToClose(), r.sameSexMatchRate())).toList());
        }
        return Map.of("weeks", result.rows().stream().map(r -> new WeekRow(r.period(), r.region(), r.requestType(),
                r.outcome(), r.count(), r.medianHoursToClose(), r.sameSexMatchRate())).toList());
    }
}
