package org.stepcalls.calls;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.stepcalls.platform.time.AppClock;
import org.stepcalls.volunteers.Area;

/**
 * What an intake that opens no call leaves behind (R16, R20): one anonymised outcome record — the
 * week, the region, request type {@value #REQUEST_TYPE}, the outcome — as the purge leaves for a
 * call. Nothing about the caller and nothing about the helpliner is kept.
 */
@ApplicationScoped
public class IntakeOutcomes {

    /** The request type of outcome records for intakes that opened no call. */
    public static final String REQUEST_TYPE = "intake";
    public static final String REFERRED_TO_MEETING = "referred_to_meeting_at_intake";
    public static final String REFUSED_NOT_ADDICT = "refused_not_addict";
    public static final String REFUSED_PRISON_GATE = "refused_prison_gate";
    /** The region of a refusal given before the caller's area was chosen. */
    static final String REGION_NOT_GIVEN = "not given";

    private final EntityManager entityManager;
    private final AppClock clock;

    IntakeOutcomes(EntityManager entityManager, AppClock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** In the caller's transaction; {@code area} may be null (a refusal before the area was chosen). */
    void record(Area area, String outcome) {
        entityManager.createNativeQuery("""
                INSERT INTO outcome_records (iso_week, region, request_type, outcome, attempts_count, same_sex_match,
                                             hours_to_close)
                VALUES (to_char((?1)::timestamptz AT TIME ZONE 'UTC', 'IYYY-"W"IW'), ?2, ?3, ?4, 0, false, NULL)""")
                .setParameter(1, clock.now()).setParameter(2, area == null ? REGION_NOT_GIVEN : area.region)
                .setParameter(3, REQUEST_TYPE).setParameter(4, outcome).executeUpdate();
    }
}
