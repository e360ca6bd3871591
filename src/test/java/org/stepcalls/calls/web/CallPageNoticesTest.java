package org.stepcalls.calls.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.stepcalls.calls.api.CallFixtures;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.forum.web.PageSession;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** What the call pages confirm: a nudge by name with when the opener was last nudged (R15), and removed contact details (R16). */
@QuarkusTest
class CallPageNoticesTest {

    private final ForumApiClient opener = new ForumApiClient(TestUsers.helpliner("nell"));
    private final PageSession coordinator = new PageSession(TestUsers.coordinator("noor"));

    @Inject
    EntityManager entityManager;

    @Test
    void aNudgeFromTheCallPageIsConfirmedThere() {
        long call = overdueCall();
        Document before = coordinator.page("/calls/" + call);
        assertThat(before.select("form[action$=/nudge]").text()).contains("Not nudged yet");

        Response nudged = coordinator.submit("/calls/" + call, "/calls/" + call + "/nudge", Map.of());
        assertThat(nudged.getHeader("Location")).endsWith("/calls/" + call + "?nudged=true");
        Document after = coordinator.page("/calls/" + call + "?nudged=true");
        assertThat(after.select("[role=status]").text()).isEqualTo("nell has been asked for an update.");
        assertThat(after.select("form[action$=/nudge]").text()).contains("Last nudged just now");
    }

    @Test
    void aNudgeFromTheOverduePageNamesTheOpenerAndTheCall() {
        long call = overdueCall();
        Response nudged = coordinator.submit("/calls/overdue", "/calls/" + call + "/nudge", Map.of("from", "overdue"));
        assertThat(nudged.getHeader("Location")).endsWith("/calls/overdue?nudged=" + call);
        Document after = coordinator.page("/calls/overdue?nudged=" + call);
        assertThat(after.select("[role=status]").text()).startsWith("nell has been asked for an update on call ");
        assertThat(after.select(".cards li:has(a[href=/calls/" + call + "])").text()).contains("last nudged just now");
    }

    @Test
    void aReplyOnACallSaysWhichContactDetailsWereRemoved() { // R16
        long call = overdueCall();
        PageSession advisor = new PageSession(TestUsers.helpliner("nia"));
        Response replied = advisor.submit("/calls/" + call, "/t/" + call + "/reply",
                Map.of("body", "Try Sam on 07700 900123 or sam@example.org"));
        assertThat(replied.getHeader("Location")).matches(".*/calls/" + call + "\\?redacted=2#post-\\d+"); // the call's own page
        Response byTopic = advisor.get("/t/" + call + "?redacted=2"); // the forum's address of a call's topic leads there too
        assertThat(byTopic.statusCode()).isEqualTo(303);
        assertThat(byTopic.getHeader("Location")).endsWith("/calls/" + call + "?redacted=2");
        Document shown = advisor.page("/calls/" + call + "?redacted=2");
        assertThat(shown.select("[role=status]").text()).startsWith("We removed 2 phone numbers or e-mail addresses");
        assertThat(shown.text()).doesNotContain("07700 900123").doesNotContain("sam@example.org");
    }

    private long overdueCall() {
        long call = opener.post("/api/calls", CallFixtures.intake(ListFixtures.area(ListFixtures.origin(), 0))).statusCode(201).extract().jsonPath()
                .getLong("topicId");
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "UPDATE calls SET last_opener_activity_at = now() - interval '25 hours' WHERE topic_id = ?1")
                .setParameter(1, call).executeUpdate());
        return call;
    }
}
