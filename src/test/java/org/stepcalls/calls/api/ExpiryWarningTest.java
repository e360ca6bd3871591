package org.stepcalls.calls.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.calls.ExpiryWarnings;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.platform.time.MovableClock;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * R19: an open call is purged unclosed at the maximum age (P30D here); STEPCALLS_EXPIRY_WARNING (P3D)
 * before that, its opener and the coordinators are told — once, and never about a closed call.
 */
@QuarkusTest
class ExpiryWarningTest {

    private final ForumApiClient opener = new ForumApiClient(TestUsers.helpliner("evadne"));
    private final ForumApiClient coordinator = new ForumApiClient(TestUsers.coordinator("ezra"));
    private final ForumApiClient otherHelpliner = new ForumApiClient(TestUsers.helpliner("edmund"));

    @Inject
    ExpiryWarnings warnings;

    @Inject
    EntityManager entityManager;

    @Test
    void theOpenerAndCoordinatorsAreWarnedOnceBeforeAnOpenCallIsPurgedUnclosed() {
        MovableClock clock = MovableClock.install();
        OffsetDateTime now = OffsetDateTime.now();
        clock.set(now);
        coordinator.get("/api/calls/overdue").statusCode(200); // the app learns their role from a request
        otherHelpliner.get("/api/calls/overdue").statusCode(403);
        long ageing = open("Evangelinetta");
        long closed = open("Evangelinetta");
        long young = open("Evangelinetta");
        opener.post("/api/calls/" + closed + "/close", Map.of("outcome", "caller_declined")).statusCode(200);
        // 26 days 23 h 59 min old: one minute before the warning is due (30 days less 3)
        for (long call : List.of(ageing, closed)) {
            sql("UPDATE calls SET opened_at = ?1 WHERE topic_id = " + call, now.minusDays(27).plusMinutes(1));
        }
        sql("UPDATE calls SET opened_at = ?1 WHERE topic_id = " + young, now.minusDays(20));

        warnings.warnOpeners();
        assertThat(warned(opener, ageing)).isEmpty();

        clock.set(now.plusMinutes(2));
        warnings.warnOpeners();
        clock.set(now.plusDays(1));
        warnings.warnOpeners(); // once per call, read or not
        List<String> told = warned(opener, ageing);
        assertThat(told).hasSize(1);
        assertThat(told.get(0)).contains("will be deleted unclosed").doesNotContain("Evangelinetta");
        assertThat(warned(coordinator, ageing)).hasSize(1);
        assertThat(warned(otherHelpliner, ageing)).isEmpty();
        assertThat(warned(opener, closed)).isEmpty();
        assertThat(warned(opener, young)).isEmpty();
    }

    private List<String> warned(ForumApiClient client, long topicId) {
        return client.get("/api/notifications").statusCode(200).extract().jsonPath()
                .getList("findAll { it.topicId == " + topicId + " && it.kind == 'expiry_warning' }.text", String.class);
    }

    private long open(String name) {
        return opener.post("/api/calls", CallFixtures.intake(CallRulesTest.area(), name,
                org.stepcalls.privacy.DramaNumbers.mobile())).statusCode(201).extract().jsonPath().getLong("topicId");
    }

    private void sql(String statement, OffsetDateTime at) {
        QuarkusTransaction.requiringNew()
                .run(() -> entityManager.createNativeQuery(statement).setParameter(1, at).executeUpdate());
    }
}
