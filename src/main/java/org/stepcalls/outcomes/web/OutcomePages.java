package org.stepcalls.outcomes.web;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.stepcalls.outcomes.OutcomeReport;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.web.ApiException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The members' outcomes page: a chart drawn here as SVG (no script, no CDN) and the same numbers as a table. */
@Path("/outcomes")
@Produces(MediaType.TEXT_HTML)
public class OutcomePages {

    static final int BAR_MAX = 230;
    static final int ROW_HEIGHT = 44;

    static final Map<String, String> LABELS = Map.ofEntries(Map.entry("volunteer_phoned", "A volunteer phoned"),
            Map.entry("visit_in_pairs", "Visited, in pairs"), Map.entry("referred_to_meeting", "Referred to a meeting"),
            Map.entry("caller_unreachable", "Caller unreachable"), Map.entry("caller_declined", "Caller declined"),
            Map.entry("no_volunteer_found", "No volunteer found"), Map.entry("expired_unclosed", "Never closed"),
            Map.entry("welcomed_at_meeting", "Welcomed at a meeting"),
            Map.entry("referred_to_meeting_at_intake", "Sent to a meeting at intake"),
            Map.entry("refused_not_addict", "Refused: not the addict (R1)"),
            Map.entry("refused_prison_gate", "Refused: prison gate (R2)"));

    /** One bar: {@code y} its row's top, {@code width} in px, {@code shown} the count or "&lt;5". */
    public record Bar(String label, String shown, int y, int width) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance report(OutcomeReport.Report report, List<Bar> bars, int chartHeight, String error,
                Map<String, String> labels);
    }

    private final OutcomeReport outcomes;
    private final CurrentUser currentUser;

    OutcomePages(OutcomeReport outcomes, CurrentUser currentUser) {
        this.outcomes = outcomes;
        this.currentUser = currentUser;
    }

    @GET
    public TemplateInstance report(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("by") String by) {
        OutcomeReport.Report report;
        String error = null;
        try {
            // on a phone, months read better than twelve weeks of rows; the API's default stays week
            report = outcomes.report(currentUser.viewer(), from, to, by == null || by.isBlank() ? "month" : by);
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            error = e.getMessage();
            report = outcomes.report(currentUser.viewer(), null, null, null);
        }
        List<OutcomeReport.Total> totals = report.totals();
        int max = totals.stream().mapToInt(OutcomeReport.Total::count).max().orElse(0);
        List<Bar> bars = new java.util.ArrayList<>();
        for (int i = 0; i < totals.size(); i++) {
            OutcomeReport.Total t = totals.get(i);
            // the bar is as long as the released count; suppressed groups only add a sliver (R20)
            int width = t.count() > 0 ? Math.max(4, Math.round((float) t.count() / max * BAR_MAX)) : t.suppressed() ? 4 : 0;
            bars.add(new Bar(LABELS.get(t.outcome()), String.valueOf(t.shown()), i * ROW_HEIGHT, width));
        }
        return Templates.report(report, bars, totals.size() * ROW_HEIGHT, error, LABELS);
    }
}
