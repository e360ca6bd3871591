package org.stepcalls.calls;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.stepcalls.forum.EmailEvent;
import org.stepcalls.forum.NotificationMail;
import org.stepcalls.platform.mail.MailSettings;
import org.stepcalls.platform.time.AppClock;

import io.quarkus.scheduler.Scheduled;

/**
 * Every {@code STEPCALLS_DIGEST_EVERY} (default an hour), one e-mail to each coordinator who wants
 * it, listing what needs watching ({@link DigestSection}s: overdue calls today). Nothing is sent
 * when every section is empty. The run is claimed in the database, so several instances send
 * one digest per interval between them.
 */
@ApplicationScoped
public class CoordinatorDigest {

    static final String RUN = "coordinator_digest";

    private final Instance<DigestSection> sections;
    private final NotificationMail mail;
    private final MailSettings mailSettings;
    private final EntityManager entityManager;
    private final AppClock clock;
    private final Duration every;

    CoordinatorDigest(Instance<DigestSection> sections, NotificationMail mail, MailSettings mailSettings,
            EntityManager entityManager, AppClock clock, @ConfigProperty(name = "stepcalls.digest-every") Duration every) {
        this.sections = sections;
        this.mail = mail;
        this.mailSettings = mailSettings;
        this.entityManager = entityManager;
        this.clock = clock;
        this.every = every;
    }

    @Scheduled(every = "${stepcalls.digest-schedule}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (mailSettings.enabled()) {
            send();
        }
    }

    /** Returns how many coordinators the digest was queued for (0: not due, nothing to say, or nobody to tell). */
    @Transactional
    public int send() {
        if (!claimRun()) {
            return 0;
        }
        waitForAPurgeBatchInFlight();
        List<String> lines = new ArrayList<>();
        sections.stream().sorted(Comparator.comparingInt(DigestSection::position)).forEach(section -> {
            List<String> sectionLines = section.lines();
            if (!sectionLines.isEmpty()) {
                lines.add(section.heading() + ":");
                sectionLines.forEach(line -> lines.add("• " + line));
            }
        });
        if (lines.isEmpty()) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Number> coordinators = entityManager.createNativeQuery(
                "SELECT id FROM accounts WHERE 'coordinator' = ANY (roles) AND email IS NOT NULL ORDER BY id").getResultList();
        var content = new NotificationMail.Content(lines, null, "/calls/overdue", "See the overdue calls");
        coordinators.forEach(id -> mail.send(id.longValue(), null, EmailEvent.DIGEST, content));
        return coordinators.size();
    }

    /**
     * R19: a purge batch may be removing a call this digest would name, and withdraws the digests queued
     * before it commits. Taking the batches' fence (shared) waits for that batch, so the lines are read
     * after it; a batch that starts meanwhile waits the few milliseconds until this digest is queued.
     */
    private void waitForAPurgeBatchInFlight() {
        entityManager.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock_shared(?1)) AS waited")
                .setParameter(1, CallPurge.DIGEST_FENCE).getSingleResult();
    }

    /**
     * True for the one caller (of every instance) whose run is due. A twentieth of the interval is
     * forgiven, so that a scheduler firing a moment early does not skip a whole interval.
     */
    private boolean claimRun() {
        OffsetDateTime now = clock.now();
        OffsetDateTime dueIfBefore = now.minus(every).plus(every.dividedBy(20));
        return entityManager.createNativeQuery("""
                INSERT INTO mail_runs (name, last_run_at) VALUES (?1, ?2)
                ON CONFLICT (name) DO UPDATE SET last_run_at = EXCLUDED.last_run_at WHERE mail_runs.last_run_at <= ?3""")
                .setParameter(1, RUN).setParameter(2, now).setParameter(3, dueIfBefore).executeUpdate() == 1;
    }
}
