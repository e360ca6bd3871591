package org.stepcalls.outcomes;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/** Dev mode only: invented anonymised outcomes for the last twelve weeks, so the outcomes page has something to show. */
@IfBuildProfile("dev")
public class DemoOutcomes {

    @Transactional
    void seed(@Observes StartupEvent event, EntityManager entityManager) {
        if (((Number) entityManager.createNativeQuery("SELECT count(*) FROM outcome_records").getSingleResult()).longValue() > 0) {
            return;
        }
        Random random = new Random(7);
        List<String> regions = List.of("Yorkshire", "North West", "London");
        for (int i = 0; i < 160; i++) {
            String outcome = OutcomeReport.OUTCOMES.get(Math.min(random.nextInt(9), 6));
            entityManager.createNativeQuery("""
                    INSERT INTO outcome_records (iso_week, region, request_type, outcome, attempts_count, same_sex_match, hours_to_close)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                    .setParameter(1, OutcomeReport.isoWeek(LocalDate.now().minusWeeks(random.nextInt(12))))
                    .setParameter(2, regions.get(random.nextInt(regions.size())))
                    .setParameter(3, random.nextInt(4) == 0 ? "visit" : "phone")
                    .setParameter(4, outcome)
                    .setParameter(5, 1 + random.nextInt(5))
                    .setParameter(6, random.nextInt(3) > 0)
                    .setParameter(7, outcome.equals("expired_unclosed") ? null : 1 + random.nextInt(72))
                    .executeUpdate();
        }
    }
}
