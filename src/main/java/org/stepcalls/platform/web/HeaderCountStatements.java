package org.stepcalls.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.stepcalls.platform.security.Viewer;

import io.quarkus.arc.All;

/**
 * The one {@code SELECT} that answers a viewer's header counts, built once per set of shown counts
 * (a member, a helpliner, a coordinator…) rather than on every page: resolving the counts, joining
 * their SQL and counting its parameters per request was 4 % of a topic page's CPU (JFR, 2026-12-02).
 */
@ApplicationScoped
class HeaderCountStatements {

    /** The statement for one set of counts; {@code accountParameters} {@code ?}s each take the viewer's id. */
    record Statement(String sql, int accountParameters, List<String> names) {
    }

    private final List<HeaderCount> counts;
    private final Map<Long, Statement> byShownSet = new ConcurrentHashMap<>();

    HeaderCountStatements(@All List<HeaderCount> counts) {
        if (counts.size() > Long.SIZE) {
            throw new IllegalStateException("more header counts than a shown-set key can hold: " + counts.size());
        }
        this.counts = List.copyOf(counts);
    }

    /** The statement for the counts this viewer is shown, or null when none is. */
    Statement forViewer(Viewer viewer) {
        long shownSet = 0;
        for (int i = 0; i < counts.size(); i++) {
            if (counts.get(i).shownTo(viewer)) {
                shownSet |= 1L << i;
            }
        }
        return shownSet == 0 ? null : byShownSet.computeIfAbsent(shownSet, this::build);
    }

    private Statement build(long shownSet) {
        List<String> names = new ArrayList<>();
        List<String> selects = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            if ((shownSet & 1L << i) != 0) {
                names.add(counts.get(i).name());
                selects.add("(" + counts.get(i).sql() + ")");
            }
        }
        String sql = "SELECT " + String.join(", ", selects);
        return new Statement(sql, (int) sql.chars().filter(c -> c == '?').count(), List.copyOf(names));
    }
}
