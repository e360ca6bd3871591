package org.stepcalls.calls.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.calls.OverdueCalls;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** R15: overdue calls remind their opener; coordinators see them and nudge, never take over. */
@QuarkusTest
class OverdueCallsTest {

    private final ForumApiClient opener = new ForumApiClient(TestUsers.helpliner("oona"));
    private final ForumApiClient coordinator = new ForumApiClient(TestUsers.coordinator("corin"));

    @Inject
    OverdueCalls overdue;

    @Inject
    EntityManager entityManager;

    @Test
    void aCallWithoutOpenerActivityIsOverdueRemindedOnceAndNudgeable() {
        long quiet = open();
        long busy = open();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "UPDATE calls SET last_opener_activity_at = now() - interval '25 hours' WHERE topic_id = ?1")
                .setParameter(1, quiet).executeUpdate());

        List<Long> listed = coordinator.get("/api/calls/overdue").statusCode(200).extract().jsonPath()
                .getList("topicId", Long.class);
        assertThat(listed).contains(quiet).doesNotContain(busy);
        opener.get("/api/calls/overdue").statusCode(403);

        overdue.remindOpeners();
        overdue.remindOpeners(); // unread: not repeated
        JsonPath mine = opener.get("/api/notifications").statusCode(200).extract().jsonPath();
        assertThat(mine.getList("findAll { it.topicId == " + quiet + " && it.kind == 'call_overdue' }")).hasSize(1);
        assertThat(mine.getList("findAll { it.topicId == " + busy + " }")).isEmpty();

        coordinator.post("/api/calls/" + quiet + "/nudge", null).statusCode(200);
        opener.get("/api/notifications").body("find { it.kind == 'call_nudge' }.text", containsString("update on call"));
        opener.post("/api/calls/" + quiet + "/nudge", null).statusCode(403);
        coordinator.post("/api/calls/" + quiet + "/close", Map.of("outcome", "caller_declined")).statusCode(403);

        opener.post("/api/calls/" + quiet + "/callbacks", Map.of("reached", false)).statusCode(201);
        assertThat(coordinator.get("/api/calls/overdue").extract().jsonPath().getList("topicId", Long.class))
                .doesNotContain(quiet);
    }

    private long open() {
        return opener.post("/api/calls", CallFixtures.intake(CallRulesTest.area())).statusCode(201).extract().jsonPath()
                .getLong("topicId");
    }
}
