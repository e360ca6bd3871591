package org.stepcalls.calls;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.stepcalls.forum.Category;
import org.stepcalls.forum.Permissions;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;

/**
 * The calls board as a list: every call the viewer may follow, or only the ones they opened, by
 * status — overdue first (R15: finish what you start), then open, then closed — each with its
 * next step. Nothing about a caller is listed (R16): number, area and request type only. The list
 * is bounded by retention: no call outlives STEPCALLS_RETENTION_MAX.
 */
@ApplicationScoped
@Transactional
public class CallList {

    public static final List<String> STATUSES = List.of("open", "overdue", "closed");

    /** One call as the list shows it; {@code status} is open or closed, {@code overdue} an open call gone quiet. */
    public record Listed(long topicId, int number, String area, String requestType, String status, boolean overdue,
            OffsetDateTime openedAt, OffsetDateTime lastOpenerActivityAt, NextStep nextStep) {
    }

    private final Duration overdueAfter;
    private final Permissions permissions;

    CallList(@ConfigProperty(name = "stepcalls.overdue-after") Duration overdueAfter, Permissions permissions) {
        this.overdueAfter = overdueAfter;
        this.permissions = permissions;
    }

    /** {@code status}: null or blank for every status. Members, and anyone who cannot read the board, get 404 (R16). */
    public List<Listed> list(Viewer viewer, boolean mine, String status) {
        Category board = Category.findBySlug(CallIntake.CATEGORY);
        if (board == null || !permissions.canRead(viewer, board)) {
            throw ApiException.notFound();
        }
        String wanted = status == null || status.isBlank() ? null : status;
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw ApiException.invalidField("status", "status is open, overdue or closed.");
        }
        OffsetDateTime quietSince = OffsetDateTime.now().minus(overdueAfter);
        StringBuilder query = new StringBuilder("from Call c join fetch c.area where 1 = 1");
        Map<String, Object> params = new java.util.HashMap<>();
        if (mine) {
            query.append(" and c.openerId = :me");
            params.put("me", viewer.accountId());
        }
        if ("closed".equals(wanted)) {
            query.append(" and c.closedAt is not null");
        } else if (wanted != null) {
            query.append(" and c.closedAt is null");
        }
        if ("overdue".equals(wanted)) {
            query.append(" and c.lastOpenerActivityAt < :quietSince");
            params.put("quietSince", quietSince);
        }
        List<Call> calls = Call.list(query.toString(), params);
        Map<Long, List<CallRecord>> records = calls.isEmpty() ? Map.of()
                : CallRecord.<CallRecord> list("callId in ?1 order by id", calls.stream().map(c -> c.topicId).toList())
                        .stream().collect(Collectors.groupingBy(r -> r.callId));
        return calls.stream()
                .map(c -> new Listed(c.topicId, c.number, c.area.name, c.requestType, c.isClosed() ? "closed" : "open",
                        !c.isClosed() && c.lastOpenerActivityAt.isBefore(quietSince), c.openedAt, c.lastOpenerActivityAt,
                        NextStep.of(c.isClosed(), records.getOrDefault(c.topicId, List.of()))))
                .sorted(OVERDUE_FIRST).toList();
    }

    /** How many calls this person ({@code ?}) opened are still open: the helpliner's header count ({@code OpenCallsCount}). */
    public static final String OPENED_AND_OPEN = "SELECT count(*) FROM calls WHERE opener_id = ? AND closed_at IS NULL";

    /** Overdue (longest quiet first), then open (newest first), then closed (newest first). */
    private static final Comparator<Listed> OVERDUE_FIRST = Comparator
            .comparingInt((Listed l) -> l.overdue() ? 0 : l.status().equals("open") ? 1 : 2)
            .thenComparing((a, b) -> a.overdue() ? a.lastOpenerActivityAt().compareTo(b.lastOpenerActivityAt())
                    : b.openedAt().compareTo(a.openedAt()));
}
