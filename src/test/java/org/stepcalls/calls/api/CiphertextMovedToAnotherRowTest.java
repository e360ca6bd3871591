package org.stepcalls.calls.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * R16: a ciphertext is bound to its row. Copied into another row — by a faulty migration, a bad
 * restore or someone with write access to the database — it does not open there, so it can never
 * show one person's number or notes as another's.
 */
@QuarkusTest
class CiphertextMovedToAnotherRowTest {

    private final ForumApiClient opener = new ForumApiClient(TestUsers.helpliner("rowena"));
    private final ForumApiClient coordinator = new ForumApiClient(ListFixtures.coordinator());

    @Inject
    EntityManager entityManager;

    @Test
    void aVolunteersNumberCopiedIntoAnotherEntryDoesNotOpenThere() {
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        Map<String, Object> first = ListFixtures.volunteer("Rhoda", "female", area);
        long rhoda = ListFixtures.addId(first);
        long ruth = ListFixtures.addId(ListFixtures.volunteer("Ruth", "female", area));

        sql("UPDATE volunteers SET phone_cipher = (SELECT phone_cipher FROM volunteers WHERE id = " + rhoda + ") WHERE id = "
                + ruth);

        try {
            String answer = coordinator.get("/api/volunteers/" + ruth).statusCode(500)
                    .body("error", equalTo("internal_error")).extract().asString();
            assertThat(answer).doesNotContain(((String) first.get("phone")).substring(6));
            coordinator.get("/api/volunteers/" + rhoda).statusCode(200).body("phone", equalTo(first.get("phone")));
        } finally { // the whole list would not open for the tests that follow
            given().header("Authorization", TestUsers.bearer(ListFixtures.coordinator())).delete("/api/volunteers/" + ruth)
                    .then().statusCode(204);
        }
    }

    @Test
    void stepNotesMovedToAnotherRecordOfTheSameCallDoNotOpenThere() {
        long call = opener.post("/api/calls", CallFixtures.intake(ListFixtures.area(ListFixtures.origin(), 0)))
                .statusCode(201).extract().jsonPath().getLong("topicId");
        opener.post("/api/calls/" + call + "/callbacks", Map.of("reached", false, "notes", "Rang twice, no answer"))
                .statusCode(201);
        opener.post("/api/calls/" + call + "/callbacks", Map.of("reached", true, "notes", "Talked for ten minutes"))
                .statusCode(201);
        opener.get("/api/calls/" + call).statusCode(200).body("callbacks[0].notes", equalTo("Rang twice, no answer"));

        // same call, same data key: only the row binding stops the first note showing as the second
        sql("UPDATE call_records SET notes_cipher = (SELECT notes_cipher FROM call_records WHERE call_id = " + call
                + " ORDER BY id LIMIT 1) WHERE id = (SELECT max(id) FROM call_records WHERE call_id = " + call + ")");
        String answer = opener.get("/api/calls/" + call).statusCode(500).extract().asString();
        assertThat(answer).doesNotContain("Rang twice");
    }

    @Test
    void theCallNotesCopiedOverTheCallersNameDoNotOpenAsTheName() {
        long call = opener.post("/api/calls", CallFixtures.intake(ListFixtures.area(ListFixtures.origin(), 0), "Roberta",
                DramaNumbers.mobile())).statusCode(201).extract().jsonPath().getLong("topicId");
        sql("UPDATE calls SET caller_name_cipher = notes_cipher WHERE topic_id = " + call);
        assertThat(opener.get("/api/calls/" + call).statusCode(500).extract().asString()).doesNotContain("evenings");
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(statement).executeUpdate());
    }
}
