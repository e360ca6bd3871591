package org.stepcalls.calls.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.stepcalls.forum.web.PageSession;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The helpliner's workspace as pages (#12): my calls, the board's filters, the call page's forms. */
@QuarkusTest
class CallWorkspacePagesTest {

    private static final String ADMIN = TestUsers.admin("adela");

    private final PageSession opener = new PageSession(TestUsers.helpliner("wanda"));

    @Inject
    EntityManager entityManager;

    @Test
    void showNumberRevealsOnceByPostRedirectGetAndAReloadNeitherShowsNorAuditsItAgain() { // R16, R14
        String number = DramaNumbers.mobile();
        String path = open(number, area());
        Response posted = opener.submit(path, path + "/caller-phone", Map.of());
        assertThat(posted.statusCode()).isEqualTo(303);
        String location = posted.getHeader("Location").replaceAll("^https?://[^/]+", "");
        assertThat(location).startsWith(path + "?shown=").endsWith("#caller").doesNotContain(number.replace(" ", "").substring(5));
        String shownPath = location.replaceAll("#.*", "");

        Document shown = opener.page(shownPath);
        assertThat(shown.select(".phone-reveal").text()).contains(number);
        assertThat(shown.select(".phone-reveal a.phone").attr("href")).isEqualTo("tel:141" + number.replace(" ", "")); // R14
        assertThat(shown.select(".caller .help").text()).contains("dials 141 first");
        assertThat(reveals(path)).isEqualTo(1);

        Document reloaded = opener.page(shownPath);
        assertThat(reloaded.select(".phone-reveal")).isEmpty();
        assertThat(reloaded.text()).doesNotContain(number).contains("The number is shown once");
        assertThat(reloaded.select("form[action$=/caller-phone] button").text()).isEqualTo("Show number");
        assertThat(new PageSession(TestUsers.helpliner("wilbur")).get(shownPath).asString()).doesNotContain(number);
        assertThat(reveals(path)).as("a reload audits nothing").isEqualTo(1);

        opener.submit(path, path + "/caller-phone", Map.of());
        assertThat(reveals(path)).as("each reveal is audited once").isEqualTo(2);
    }

    @Test
    void aRefusedFormComesBackOpenAtItsAnchorWithTheAnswersKeptAndTheProblemMarked() {
        long area = area();
        String path = open(DramaNumbers.mobile(), area);
        Document page = opener.page(path);
        assertThat(page.select("#callback form").attr("action")).isEqualTo(path + "/callbacks#callback");

        Response refused = opener.submit(path, path + "/callbacks", Map.of("notes", "Rang twice"));
        assertThat(refused.statusCode()).isEqualTo(400);
        Document back = Jsoup.parse(refused.asString());
        assertThat(back.select("details[open]")).hasSize(1);
        Element form = back.selectFirst("details#callback[open]");
        assertThat(form).isNotNull();
        assertThat(form.select("#form-error[role=alert]").text()).contains("Say whether you reached the caller");
        assertThat(form.select("#callback-notes").text()).isEqualTo("Rang twice");

        long volunteer = ListFixtures.addId(ListFixtures.volunteer("Wendy", "female", area));
        Response attempt = opener.submit(path, path + "/attempts", Map.of("contactType", "volunteer", "contact",
                "v:" + volunteer, "result", "accepted", "willing", "true", "notes", "Keen"));
        assertThat(attempt.statusCode()).isEqualTo(400); // R6
        Element attemptForm = Jsoup.parse(attempt.asString()).selectFirst("details#attempt[open]");
        assertThat(attemptForm.select("input[name=result][value=accepted]").hasAttr("checked")).isTrue();
        assertThat(attemptForm.select("input[name=willing]").hasAttr("checked")).isTrue();
        assertThat(attemptForm.select("fieldset[aria-invalid=true] legend").text()).contains("Checks asked");
        assertThat(attemptForm.select("#contact option[selected]").val()).isEqualTo("v:" + volunteer);

        Response close = opener.submit(path, path + "/close", Map.of("outcome", "nothing_like_it", "notes", "Done"));
        Element closeForm = Jsoup.parse(close.asString()).selectFirst("details#close[open]");
        assertThat(closeForm.select("#outcome[aria-invalid=true]")).hasSize(1);
        assertThat(closeForm.select("#close-notes").text()).isEqualTo("Done");
    }

    @Test
    void theAttemptFormIsAcceptedAsItStandsAndMarksContactsAlreadyTried() { // R12
        long area = area();
        long vesna = ListFixtures.addId(ListFixtures.volunteer("Vesna", "female", area));
        String path = open(DramaNumbers.mobile(), area);
        Document page = opener.page(path);
        assertThat(page.select("#next-step details#attempt[open]")).hasSize(1);
        assertThat(page.select("#next-step .notice").text()).contains("call them back soon"); // after intake

        Map<String, String> asItStands = defaults(page.selectFirst("#attempt form"));
        assertThat(asItStands).containsEntry("contactType", "volunteer").containsEntry("contact", "v:" + vesna);
        asItStands.put("result", "no_answer");
        assertThat(opener.submit(path, path + "/attempts", asItStands).statusCode()).isEqualTo(303);

        Document after = opener.page(path);
        assertThat(after.select(".contacts li:has(.tried)").text()).contains("Vesna").contains("Tried: no answer");
        assertThat(after.select("#next-step .notice").text()).doesNotContain("call them back soon");
    }

    @Test
    void withNobodyListedNearbyTheFormStartsOnTheIndirectRoute() { // R8
        String path = open(DramaNumbers.mobile(), area());
        Map<String, String> asItStands = defaults(opener.page(path).selectFirst("#attempt form"));
        assertThat(asItStands).containsEntry("contactType", "indirect").containsEntry("contact", "");
        asItStands.put("result", "declined");
        assertThat(opener.submit(path, path + "/attempts", asItStands).statusCode()).isEqualTo(303);
    }

    @Test
    void theHeaderCountsMyOpenCalls() { // R15
        PageSession hattie = new PageSession(TestUsers.helpliner("hattie"));
        assertThat(hattie.page("/").select("header a[href=/calls/mine] .badge")).isEmpty();
        long area = area();
        String first = open(hattie, DramaNumbers.mobile(), area);
        open(hattie, DramaNumbers.mobile(), area);
        Element badge = hattie.page("/").selectFirst("header a[href=/calls/mine]");
        assertThat(badge.select(".badge").text()).isEqualTo("2");
        assertThat(badge.attr("aria-label")).isEqualTo("My calls: 2 open");
        assertThat(hattie.submit(first, first + "/close", Map.of("outcome", "caller_declined")).statusCode()).isEqualTo(303);
        assertThat(hattie.page(first).select("header a[href=/calls/mine] .badge").text()).isEqualTo("1");
        assertThat(new PageSession(TestUsers.coordinator("corky")).page("/").select("header a[href=/calls/mine]")).isEmpty();
    }

    @Test
    void theBoardFiltersByStatusAndMineAndMembersGetNotFound() { // R15, R16
        PageSession ivy = new PageSession(TestUsers.helpliner("ivy"));
        long area = area();
        String fresh = open(ivy, DramaNumbers.mobile(), area);
        String quiet = open(ivy, DramaNumbers.mobile(), area);
        String someoneElses = open(DramaNumbers.mobile(), area);
        goQuiet(Long.parseLong(quiet.replace("/calls/", "")));

        assertThat(ivy.get("/c/12th-step-calls").getHeader("Location")).endsWith("/calls");
        assertThat(links(ivy.page("/calls?status=overdue"))).contains(quiet).doesNotContain(fresh);
        Document mine = ivy.page("/calls/mine");
        assertThat(links(mine)).contains(quiet, fresh).doesNotContain(someoneElses);
        assertThat(mine.select("ul.calls li").first().select("a.title").attr("href")).isEqualTo(quiet); // overdue first
        assertThat(mine.select("ul.calls li").first().text()).contains("Overdue").contains("Next: Find someone to help");
        assertThat(mine.select("nav a[aria-current=page]").eachText()).containsExactly("Mine", "All");
        assertThat(links(ivy.page("/calls?status=open"))).contains(someoneElses, fresh);
        assertThat(links(ivy.page("/calls?status=closed"))).doesNotContain(fresh, quiet);
        assertThat(new PageSession(TestUsers.member("mona")).get("/calls").statusCode()).isEqualTo(404);
        assertThat(new PageSession(TestUsers.member("mona")).get("/calls/mine").statusCode()).isEqualTo(404);
    }

    @Test
    void theIntakeWarnsOfGdprAndNamesTheConfiguredEmergencyNumbers() { // R18
        Document intake = opener.page("/calls/new");
        assertThat(intake.select(".gdpr").text()).contains("fine").contains("Narcotics Anonymous").contains("volunteer");
        assertThat(intake.select("#emergency").text()).contains("ring 999 or 112 now");
    }

    private static java.util.List<String> links(Document page) {
        return page.select("ul.calls a.title").eachAttr("href");
    }

    /** What a browser would send for this form untouched: checked boxes and radios, each select's chosen option. */
    private static Map<String, String> defaults(Element form) {
        Map<String, String> fields = new HashMap<>();
        for (Element select : form.select("select")) {
            Element chosen = select.selectFirst("option[selected]");
            fields.put(select.attr("name"), chosen != null ? chosen.val() : select.select("option").first().val());
        }
        for (Element input : form.select("input[type=checkbox][checked], input[type=radio][checked]")) {
            fields.put(input.attr("name"), input.val());
        }
        fields.remove("csrf-token");
        return fields;
    }

    private long reveals(String path) {
        return given().header("Authorization", TestUsers.bearer(ADMIN)).queryParam("topicId", path.replace("/calls/", ""))
                .queryParam("action", "caller_phone_revealed").get("/api/audit").then().statusCode(200).extract()
                .jsonPath().getList("entries").size();
    }

    private void goQuiet(long call) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "UPDATE calls SET last_opener_activity_at = now() - interval '25 hours' WHERE topic_id = ?1")
                .setParameter(1, call).executeUpdate());
    }

    private String open(String number, long area) {
        return open(opener, number, area);
    }

    private static String open(PageSession helpliner, String number, long area) {
        Map<String, String> form = new HashMap<>();
        form.put("immediateDanger", "no");
        form.put("requesterIsAddict", "yes");
        form.put("prisonGateRequest", "no");
        form.put("callerFirstName", "Wilhelmina");
        form.put("callerPhone", number);
        form.put("callerPhoneConfirm", number);
        form.put("areaId", String.valueOf(area));
        form.put("callerSex", "female");
        form.put("requestType", "phone");
        form.put("disabledOrVulnerable", "no");
        form.put("idempotencyKey", java.util.UUID.randomUUID().toString());
        Response opened = helpliner.submit("/calls/new", "/calls/new", form);
        assertThat(opened.statusCode()).isEqualTo(303);
        return opened.getHeader("Location").replaceAll("^https?://[^/]+", "");
    }

    private static long area() {
        return ListFixtures.area(ListFixtures.origin(), 0);
    }
}
