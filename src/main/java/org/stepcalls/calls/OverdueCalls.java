package org.stepcalls.calls;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.stepcalls.forum.Notifications;
import org.stepcalls.forum.Permissions;
import org.stepcalls.platform.database.JobLock;
import org.stepcalls.platform.security.Account;
import org.stepcalls.platform.security.Role;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.privacy.AuditEntry;
import org.stepcalls.privacy.AuditLog;
import org.stepcalls.privacy.AuditLog.Action;

import io.quarkus.scheduler.Scheduled;

/**
 * R15: a call with no opener activity for {@code STEPCALLS_OVERDUE_AFTER} is overdue. The opener
 * is reminded; coordinators see the list and can nudge — never take over.
 */
@ApplicationScoped
@Transactional
public class OverdueCalls {

    public record Overdue(long topicId, int number, String openerName, OffsetDateTime openedAt,
            OffsetDateTime lastOpenerActivityAt, OffsetDateTime lastNudgedAt) {
    }

    /** The job's name for {@link JobLock}. */
    public static final String REMINDER_JOB = "overdue-reminders";

    private final Duration overdueAfter;
    private final Notifications notifications;
    private final Permissions permissions;
    private final AuditLog audit;
    private final JobLock jobLock;

    OverdueCalls(@ConfigProperty(name = "stepcalls.overdue-after") Duration overdueAfter, Notifications notifications,
            Permissions permissions, AuditLog audit, JobLock jobLock) {
        this.overdueAfter = overdueAfter;
        this.notifications = notifications;
        this.permissions = permissions;
        this.audit = audit;
        this.jobLock = jobLock;
    }

    public List<Overdue> list(Viewer viewer) {
        if (!viewer.has(Role.COORDINATOR)) {
            throw ApiException.forbidden("Only coordinators watch the overdue calls.");
        }
        List<Call> calls = overdue();
        Map<Long, OffsetDateTime> nudged = lastNudged(calls.stream().map(c -> c.topicId).toList());
        return calls.stream().map(c -> new Overdue(c.topicId, c.number, Account.<Account> findById(c.openerId).displayName,
                c.openedAt, c.lastOpenerActivityAt, nudged.get(c.topicId))).toList();
    }

    /** When a coordinator last nudged the opener of this call (from the audit log), or null. */
    public OffsetDateTime lastNudged(long topicId) {
        return lastNudged(List.of(topicId)).get(topicId);
    }

    /** The same for several calls, in one query. */
    private static Map<Long, OffsetDateTime> lastNudged(List<Long> topicIds) {
        if (topicIds.isEmpty()) {
            return Map.of();
        }
        return AuditEntry.getEntityManager()
                .createQuery("select a.topicId, max(a.at) from AuditEntry a where a.action = ?1 and a.topicId in ?2 "
                        + "group by a.topicId", Object[].class)
                .setParameter(1, Action.CALL_NUDGED.code()).setParameter(2, topicIds).getResultList().stream()
                .collect(Collectors.toMap(r -> (Long) r[0], r -> (OffsetDateTime) r[1]));
    }

    /**
     * Reminds each opener of an overdue call once (until they read the reminder). Every instance
     * schedules it; one at a time does it, so two never both find "no reminder yet" and send two.
     */
    @Scheduled(every = "${stepcalls.overdue-check-every}", delayed = "${stepcalls.overdue-check-first-after}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void remindOpeners() {
        if (!jobLock.tryHoldForTransaction(REMINDER_JOB)) {
            return; // another instance is reminding right now
        }
        for (Call call : overdue()) {
            if (!notifications.hasUnread(call.openerId, call.topicId, "call_overdue")) {
                notifications.notify(call.openerId, call.topicId, "call_overdue", label(call)
                        + " has had no update from you for " + hours(overdueAfter) + ". Log what happened and close it"
                        + " when it is done: finish what you start.");
            }
        }
    }

    /** A coordinator asks the opener for an update (R15: a nudge, not a take-over); returns the opener's name. */
    public String nudge(Viewer viewer, long topicId) {
        if (!viewer.has(Role.COORDINATOR)) {
            throw ApiException.forbidden("Only coordinators nudge the opener of a call.");
        }
        Call call = Call.findById(topicId);
        if (call == null || !permissions.canRead(viewer, org.stepcalls.forum.Topic.<org.stepcalls.forum.Topic> findById(topicId))) {
            throw ApiException.notFound();
        }
        if (call.isClosed()) {
            throw ApiException.conflict("call_closed", "This call is closed; there is nothing to nudge.");
        }
        notifications.notify(call.openerId, topicId, "call_nudge", "A coordinator asks for an update on call "
                + call.number + " (" + call.area.name + " area). Log what happened, and close it when it is done.");
        audit.record(viewer.accountId(), Action.CALL_NUDGED, topicId, null);
        return Account.<Account> findById(call.openerId).displayName;
    }

    /** "Call 1002 (Leeds area)": how notifications and e-mails name a call — its number and area, nothing of the caller. */
    static String label(Call call) {
        return "Call " + call.number + " (" + call.area.name + " area)";
    }

    /** For the coordinators' digest: how long this call has had no opener activity. */
    static String quietFor(Call call) {
        return hours(Duration.between(call.lastOpenerActivityAt, OffsetDateTime.now()));
    }

    List<Call> overdue() {
        return Call.list("closedAt is null and lastOpenerActivityAt < ?1 order by lastOpenerActivityAt",
                OffsetDateTime.now().minus(overdueAfter));
    }

    private static String hours(Duration duration) {
        long hours = duration.toHours();
        return hours >= 1 ? hours + " h" : duration.toMinutes() + " min";
    }
}
