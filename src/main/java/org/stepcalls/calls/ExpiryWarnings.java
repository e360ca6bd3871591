package org.stepcalls.calls;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.stepcalls.forum.Notifications;
import org.stepcalls.platform.security.Accounts;
import org.stepcalls.platform.security.Role;
import org.stepcalls.platform.time.AppClock;

import io.quarkus.scheduler.Scheduled;

/**
 * Before the maximum age (R19): an open call is purged unclosed at {@code STEPCALLS_RETENTION_MAX}
 * and counted as expired; {@code STEPCALLS_EXPIRY_WARNING} before that, its opener and the
 * coordinators are told, once per call, so that the opener can record its outcome in time. Runs
 * with the purge's schedule, once at a time across instances (an advisory lock of its own).
 */
@ApplicationScoped
public class ExpiryWarnings {

    public static final String KIND = "expiry_warning";
    /** The advisory lock's key: "EXPIRYWA". */
    static final long LOCK_KEY = 0x4558_5049_5259_5741L;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.UK);
    private static final ZoneId HELPLINE_ZONE = ZoneId.of("Europe/London");

    private final Notifications notifications;
    private final Accounts accounts;
    private final EntityManager entityManager;
    private final AppClock clock;
    private final Duration max;
    private final Duration warning;

    ExpiryWarnings(Notifications notifications, Accounts accounts, EntityManager entityManager, AppClock clock,
            @ConfigProperty(name = "stepcalls.retention-max") Duration max,
            @ConfigProperty(name = "stepcalls.expiry-warning") Duration warning) {
        this.notifications = notifications;
        this.accounts = accounts;
        this.entityManager = entityManager;
        this.clock = clock;
        this.max = max;
        this.warning = warning;
    }

    @Scheduled(every = "${stepcalls.purge-every}", delayed = "45s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        warnOpeners();
    }

    /** Warns about every open call now within the warning of its maximum age; returns how many calls (0 when locked out). */
    @Transactional
    public int warnOpeners() {
        if (!Boolean.TRUE.equals(entityManager.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, LOCK_KEY).getSingleResult())) {
            return 0; // another instance is warning now
        }
        OffsetDateTime now = clock.now();
        List<Call> due = Call.list("closedAt is null and expiryWarnedAt is null and openedAt <= ?1 order by openedAt",
                now.minus(max).plus(warning));
        if (due.isEmpty()) {
            return 0;
        }
        List<Long> coordinators = accounts.withRole(Role.COORDINATOR);
        for (Call call : due) {
            OffsetDateTime purgedAt = call.openedAt.plus(max);
            // composed from the call's number and dates only: nothing anyone typed
            String text = "Call " + call.number + " is still open and will be deleted unclosed, counted as never closed, "
                    + "on " + purgedAt.atZoneSameInstant(HELPLINE_ZONE).format(WHEN)
                    + ". Its opener should record the outcome and close it before then.";
            Set<Long> told = new LinkedHashSet<>();
            told.add(call.openerId);
            told.addAll(coordinators);
            told.forEach(account -> notifications.notify(account, call.topicId, KIND, text));
            call.expiryWarnedAt = now;
        }
        return due.size();
    }
}
