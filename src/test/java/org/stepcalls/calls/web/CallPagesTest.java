package org.stepcalls.calls.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.stepcalls.forum.web.PageSession;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class CallPagesTest {

    @Inject
    EntityManager entityManager;

    private final PageSession opener = new PageSession(TestUsers.helpliner("ophelia"));
    private final PageSession other = new PageSession(TestUsers.helpliner("orson"));

    @Test
    void aRefusedIntakeExplainsTheRuleAndKeepsWhatWasTyped() { // R1
        Map<String, String> form = intake();
        form.put("requesterIsAddict", "no");
        Response refused = opener.submit("/calls/new", "/calls/new", form);
        assertThat(refused.statusCode()).isEqualTo(400);
        Document page = Jsoup.parse(refused.asString());
        assertThat(page.select("[role=alert]").text()).contains("only be requested by the addict");
        assertThat(page.select("#callerFirstName").val()).isEqualTo("Petra");
        assertThat(page.select("fieldset[aria-invalid=true] legend").text()).contains("addict themselves");
    }

    @Test
    void aReferralFromTheIntakeCarriesTheAnswersGivenNotAssumedOnes() { // R1, R2
        Map<String, String> form = intake();
        form.put("canGetToMeeting", "yes");
        form.put("referralAreaId", form.get("areaId"));
        long referred = outcomes("referred_to_meeting_at_intake");
        long refused = outcomes("refused_not_addict");

        // "No, someone else" and then "Yes — show meetings near them": refused as R1 says, and counted so
        form.put("requesterIsAddict", "no");
        Response someoneElse = opener.submit("/calls/new", "/calls/new", form);
        assertThat(someoneElse.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(someoneElse.asString()).select("[role=alert]").text()).contains("only be requested by the addict");
        assertThat(outcomes("refused_not_addict")).isEqualTo(refused + 1);

        // unanswered: asked for, nothing counted
        form.remove("requesterIsAddict");
        Response unanswered = opener.submit("/calls/new", "/calls/new", form);
        assertThat(unanswered.statusCode()).isEqualTo(400);
        Document asked = Jsoup.parse(unanswered.asString());
        assertThat(asked.select("[role=alert]").text()).contains("Answer the two questions above first");
        assertThat(asked.select("fieldset[aria-invalid=true] legend").text()).contains("addict themselves");
        assertThat(asked.select("#referralAreaId option[selected]").val()).isEqualTo(form.get("referralAreaId"));
        assertThat(outcomes("refused_not_addict")).isEqualTo(refused + 1);

        form.put("requesterIsAddict", "yes");
        Response yes = opener.submit("/calls/new", "/calls/new", form);
        assertThat(yes.statusCode()).isEqualTo(303);
        assertThat(yes.getHeader("Location")).endsWith("/calls/referred?areaId=" + form.get("referralAreaId"))
                .doesNotContain("Petra");
        assertThat(outcomes("referred_to_meeting_at_intake")).isEqualTo(referred + 1);
        assertThat(opener.page(yes.getHeader("Location").replaceAll("^https?://[^/]+", "")).select("[role=alert]")).isEmpty();

        // in danger too: the emergency guidance comes with the meetings (R18)
        form.put("immediateDanger", "yes");
        Response danger = opener.submit("/calls/new", "/calls/new", form);
        assertThat(opener.page(danger.getHeader("Location").replaceAll("^https?://[^/]+", "")).select("[role=alert]").text())
                .containsIgnoringCase("999");
    }

    @Test
    void pressingEnterInTheIntakeOpensTheCallNeverTheReferral() {
        Document intake = opener.page("/calls/new");
        org.jsoup.nodes.Element firstSubmit = intake.selectFirst("form[action=/calls/new] button:not([type=button])");
        assertThat(firstSubmit.text()).isEqualTo("Open the call");
        assertThat(firstSubmit.attr("name")).isEmpty(); // the default button sends no canGetToMeeting
        assertThat(intake.select("form[action=/calls/new]")).hasSize(1);
    }

    private long outcomes(String outcome) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM outcome_records WHERE outcome = ?1").setParameter(1, outcome)
                .getSingleResult()).longValue());
    }

    @Test
    void theOpenerSeesTheCallerAndRevealsTheNumberByPostOthersSeeTheInitial() { // R16
        String number = DramaNumbers.mobile();
        Map<String, String> form = intake();
        form.put("callerPhone", number);
        form.put("callerPhoneConfirm", number);
        Response opened = opener.submit("/calls/new", "/calls/new", form);
        assertThat(opened.statusCode()).isEqualTo(303);
        String path = opened.getHeader("Location").replaceAll("^https?://[^/]+", "");
        Document mine = opener.page(path);
        assertThat(mine.select(".caller").text()).contains("Petra").doesNotContain(number);
        Response revealed = opener.submit(path, path + "/caller-phone", Map.of());
        assertThat(revealed.statusCode()).isEqualTo(303); // post-redirect-get: the number waits for the GET
        Response shown = opener.get(revealed.getHeader("Location").replaceAll("^https?://[^/]+", "").replaceAll("#.*", ""));
        assertThat(shown.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(Jsoup.parse(shown.asString()).select(".phone-reveal").text()).contains(number);
        Document theirs = other.page(path);
        assertThat(theirs.text()).doesNotContain("Petra").doesNotContain(number).contains("Caller P.");
        assertThat(theirs.select("form[action*=/attempts]")).isEmpty();
        assertThat(new PageSession(TestUsers.member("mira")).get(path).statusCode()).isEqualTo(404);
        assertThat(other.get(path.replace("/calls/", "/t/")).getHeader("Location")).endsWith(path);
    }

    @Test
    void anAttemptRefusedForItsChecksComesBackMarked() { // R6
        Response opened = opener.submit("/calls/new", "/calls/new", intake());
        String path = opened.getHeader("Location").replaceAll("^https?://[^/]+", "");
        long volunteer = ListFixtures.addId(ListFixtures.volunteer("Vera", "female", ListFixtures.area(ListFixtures.origin(), 0)));
        Response refused = opener.submit(path, path + "/attempts", Map.of("contactType", "volunteer", "contact", "v:" + volunteer,
                "result", "accepted", "cleanTime", "true", "notes", "Keen but unsure"));
        assertThat(refused.statusCode()).isEqualTo(400);
        Document page = Jsoup.parse(refused.asString());
        assertThat(page.select("[role=alert]").text()).contains("all three checks");
        assertThat(page.select("#attempt-notes").text()).isEqualTo("Keen but unsure");
        assertThat(page.select("#attempt > p.error + .contacts")).as("the reason above the contacts, seen on landing at #attempt")
                .hasSize(1);
    }

    @Test
    void theTimelineNamesOnlyTheChecksConfirmedAndNoneForSomeoneNotEligible() { // R6; a relapse is theirs, not the thread's
        String path = open();
        long nell = ListFixtures.addId(ListFixtures.volunteer("Nell", "female", ListFixtures.area(ListFixtures.origin(), 0)));
        long dora = ListFixtures.addId(ListFixtures.volunteer("Dora", "female", ListFixtures.area(ListFixtures.origin(), 0)));
        assertThat(opener.submit(path, path + "/attempts", Map.of("contactType", "volunteer", "contact", "v:" + nell,
                "result", "not_eligible", "reason", "relapsed", "willing", "true")).statusCode()).isEqualTo(303);
        assertThat(opener.submit(path, path + "/attempts", Map.of("contactType", "volunteer", "contact", "v:" + dora,
                "result", "declined", "cleanTime", "true")).statusCode()).isEqualTo(303);
        List<String> records = other.page(path).select(".posts .kind-attempt .body").eachText();
        assertThat(records).hasSize(2);
        assertThat(records.get(0)).contains("Nell").contains("not eligible").doesNotContain("Checks").doesNotContain("clean time")
                .doesNotContain("relapse");
        assertThat(records.get(1)).contains("Dora").contains("declined").contains("Checks confirmed: clean time.")
                .doesNotContain("willing").doesNotContain(" no");
    }

    @Test
    void theOpenerReadsTheirStepNotesOnTheTimelineAndNobodyElseDoes() { // R12, R16
        String path = open();
        long volunteer = ListFixtures.addId(ListFixtures.volunteer("Vida", "female", ListFixtures.area(ListFixtures.origin(), 0)));
        assertThat(opener.submit(path, path + "/attempts", Map.of("contactType", "volunteer", "contact", "v:" + volunteer,
                "result", "no_answer", "notes", "Try after six")).statusCode()).isEqualTo(303);
        assertThat(opener.submit(path, path + "/callbacks", Map.of("reached", "false", "notes", "Voicemail full"))
                .statusCode()).isEqualTo(303);
        Document timeline = opener.page(path);
        assertThat(timeline.select(".posts .record-notes").eachText())
                .containsExactly("Your notes: Try after six", "Your notes: Voicemail full");
        // nobody was reached, so no checks were asked: the record does not read as if Vida failed them
        assertThat(timeline.select(".posts .kind-attempt").text()).contains("Vida").doesNotContain("Checks:");
        assertThat(opener.submit(path, path + "/close", Map.of("outcome", "caller_unreachable", "notes", "Rang three evenings"))
                .statusCode()).isEqualTo(303);
        assertThat(opener.page(path).select(".posts .kind-outcome .record-notes").text()).as("the close's own notes")
                .isEqualTo("Your notes: Rang three evenings");
        assertThat(other.page(path).select(".posts .record-notes")).isEmpty();
        assertThat(other.page(path).text()).doesNotContain("Try after six").doesNotContain("Voicemail full")
                .doesNotContain("Rang three evenings");
    }

    @Test
    void coordinatorsGetNoCloseOrPinOnACallAndAForgedOneIsRefusedWithTheRule() { // R15
        String path = open();
        PageSession coordinator = new PageSession(TestUsers.coordinator("cosima"));
        Document page = coordinator.page(path);
        assertThat(page.select("form[action$=/moderate], button[value=close], button[value=pin]")).isEmpty();
        String topic = path.replace("/calls/", "/t/");
        for (String action : java.util.List.of("close", "reopen", "pin")) {
            Response forged = coordinator.submit(path, topic + "/moderate", Map.of("action", action));
            assertThat(forged.statusCode()).isEqualTo(409);
            assertThat(Jsoup.parse(forged.asString()).text()).contains("closed only by the helpliner who opened it");
        }
        assertThat(opener.page(path).select("form[action*=/close]")).hasSize(1); // the opener can still finish it
    }

    @Test
    void aCoordinatorHidesAnAdviceReplyFromTheCallPageButNoRecord() { // R17, R12
        String path = open();
        Response replied = other.submit(path, path.replace("/calls/", "/t/") + "/reply", Map.of("body", "Ring Sam first"));
        assertThat(replied.statusCode()).isEqualTo(303);
        PageSession coordinator = new PageSession(TestUsers.coordinator("cosima"));
        Document page = coordinator.page(path);
        assertThat(page.select("li.kind-intake form[action$=/hide]")).isEmpty();
        String hide = page.select("li.kind-text form[action$=/hide]").attr("action");
        assertThat(hide).isNotEmpty();
        assertThat(coordinator.submit(path, hide, Map.of("reason", "Names a member")).statusCode()).isEqualTo(303);
        Document after = other.page(path);
        assertThat(after.select("li.kind-text").text()).contains("hidden by a coordinator").contains("Names a member");
    }

    @Test
    void theEditPageRefusesARecordAndOffersNoEditLink() { // R12
        String path = open();
        Document page = opener.page(path);
        assertThat(page.select("a[href$=/edit]")).isEmpty();
        String intakePost = page.select("li.kind-intake").attr("id").replace("post-", "");
        Response edit = opener.get("/p/" + intakePost + "/edit");
        assertThat(edit.statusCode()).isEqualTo(409);
        assertThat(Jsoup.parse(edit.asString()).text()).contains("records are never rewritten");
        Response forged = opener.submit(path, "/p/" + intakePost + "/edit", Map.of("body", "Rewritten"));
        assertThat(forged.statusCode()).isEqualTo(409);
    }

    private String open() {
        Response opened = opener.submit("/calls/new", "/calls/new", intake());
        assertThat(opened.statusCode()).isEqualTo(303);
        return opened.getHeader("Location").replaceAll("^https?://[^/]+", "");
    }

    private static Map<String, String> intake() {
        Map<String, String> form = new HashMap<>();
        form.put("immediateDanger", "no");
        form.put("requesterIsAddict", "yes");
        form.put("prisonGateRequest", "no");
        form.put("callerFirstName", "Petra");
        String number = DramaNumbers.mobile();
        form.put("callerPhone", number);
        form.put("callerPhoneConfirm", number);
        form.put("areaId", String.valueOf(ListFixtures.area(ListFixtures.origin(), 0)));
        form.put("callerSex", "female");
        form.put("requestType", "phone");
        form.put("disabledOrVulnerable", "no");
        form.put("idempotencyKey", java.util.UUID.randomUUID().toString());
        return form;
    }
}
