package org.stepcalls.calls.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** R11: every contact who accepted reports back; R7: a visit's second person may be vouched for by first name. */
@QuarkusTest
class ReportBacksAndPartnersTest {

    private final ForumApiClient opener = new ForumApiClient(TestUsers.helpliner("rhiannon"));

    @Test
    void aMeetingContactWhoAcceptedReportsBack() { // R11
        long id = open();
        long meeting = CallRulesTest.meeting();
        opener.post(reportBacks(id), Map.of("meetingId", meeting, "result", "contact_made")).statusCode(400)
                .body("error", equalTo("not_a_contact"));
        opener.post(attempts(id), CallFixtures.attempt("meeting", null, meeting, "declined")).statusCode(201);
        opener.post(reportBacks(id), Map.of("meetingId", meeting, "result", "contact_made")).statusCode(409)
                .body("error", equalTo("contact_not_accepted"));
        opener.post(attempts(id), acceptedForAPhoneCall(CallFixtures.attempt("meeting", null, meeting, "accepted")))
                .statusCode(201);
        opener.post(reportBacks(id), Map.of("meetingId", meeting, "result", "contact_made", "notes", "Met at the door"))
                .statusCode(201);
        JsonPath call = opener.get("/api/calls/" + id).extract().jsonPath();
        assertThat(call.getString("reportBacks[0].volunteer")).contains("Mo");
        opener.topic(id).body("posts[3].body", containsString("from Mo (Call Test Group)"));
    }

    @Test
    void anIndirectContactWhoAcceptedReportsBackThroughTheirAttempt() { // R8, R11
        long id = open();
        long through = CallRulesTest.volunteer();
        long asked = opener.post(attempts(id), CallFixtures.attempt("indirect", through, null, "left_message")).statusCode(201)
                .extract().jsonPath().getLong("id");
        opener.post(reportBacks(id), Map.of("attemptId", asked, "result", "contact_made")).statusCode(409)
                .body("error", equalTo("contact_not_accepted"));
        long accepted = opener.post(attempts(id), acceptedForAPhoneCall(CallFixtures.attempt("indirect", through, null,
                "accepted"))).statusCode(201).extract().jsonPath().getLong("id");
        opener.post(reportBacks(id), Map.of("attemptId", accepted, "result", "no_contact")).statusCode(201);
        assertThat(opener.get("/api/calls/" + id).extract().jsonPath().getString("reportBacks[0].volunteer"))
                .contains("(indirect)");
        // the volunteer the indirect contact came through never accepted anything themselves
        opener.post(reportBacks(id), Map.of("volunteerId", through, "result", "contact_made")).statusCode(400)
                .body("error", equalTo("not_a_contact"));
    }

    @Test
    void aReportBackNamesExactlyOneContactOfThisCall() { // R11
        long id = open();
        long volunteer = CallRulesTest.volunteer();
        opener.post(reportBacks(id), Map.of("result", "contact_made")).statusCode(400).body("error", equalTo("contact_required"));
        long accepted = opener.post(attempts(id), CallFixtures.acceptedForAPhoneCall(volunteer)).statusCode(201).extract()
                .jsonPath().getLong("id");
        opener.post(reportBacks(id), Map.of("volunteerId", volunteer, "attemptId", accepted, "result", "contact_made"))
                .statusCode(400).body("error", equalTo("contact_required"));
        opener.post(reportBacks(open()), Map.of("attemptId", accepted, "result", "contact_made")).statusCode(400)
                .body("error", equalTo("not_a_contact")); // another call's attempt
        opener.post(reportBacks(id), Map.of("volunteerId", volunteer, "result", "contact_made")).statusCode(201);
    }

    @Test
    void aPartnerOffTheListIsAcceptedWhenTheAcceptingVolunteerVouches() { // R7
        long id = open();
        long volunteer = CallRulesTest.volunteer();
        Map<String, Object> visit = visit(volunteer);
        visit.put("partnerFirstName", "Dervla");
        opener.post(attempts(id), visit).statusCode(400).body("error", equalTo("voucher_not_accepting"));
        visit.put("vouchedByVolunteerId", volunteer);
        opener.post(attempts(id), visit).statusCode(201);
        JsonPath call = opener.get("/api/calls/" + id).extract().jsonPath();
        assertThat(call.getString("attempts[0].partnerFirstName")).isEqualTo("Dervla");
        assertThat(call.getLong("attempts[0].vouchedByVolunteerId")).isEqualTo(volunteer);
        new ForumApiClient(TestUsers.helpliner("other")).topic(id)
                .body("posts[1].body", containsString("Goes with Dervla (vouched for by Val)"));
    }

    @Test
    void aVoucherWhoIsNotTheAcceptingVolunteerIsRefused() { // R7
        long id = open();
        long volunteer = CallRulesTest.volunteer();
        Map<String, Object> visit = visit(volunteer);
        visit.put("partnerFirstName", "Dervla");
        visit.put("vouchedByVolunteerId", CallRulesTest.volunteer());
        opener.post(attempts(id), visit).statusCode(400).body("error", equalTo("voucher_not_accepting"))
                .body("message", containsString("R7"));
        // a meeting contact who accepts cannot have their partner vouched for by anyone on the list
        Map<String, Object> byMeeting = acceptedForAVisit(CallFixtures.attempt("meeting", null, CallRulesTest.meeting(), "accepted"));
        byMeeting.put("partnerFirstName", "Dervla");
        byMeeting.put("vouchedByVolunteerId", volunteer);
        opener.post(attempts(id), byMeeting).statusCode(400).body("error", equalTo("voucher_not_accepting"));
        // a partner is one person: a list volunteer or a first name
        visit.put("vouchedByVolunteerId", volunteer);
        visit.put("partnerVolunteerId", CallRulesTest.volunteer());
        opener.post(attempts(id), visit).statusCode(400).body("message", containsString("one partner"));
        opener.get("/api/calls/" + id).body("attempts.size()", equalTo(0));
    }

    @Test
    void aVoucherMustBeEligible() { // R6, R7
        long id = open();
        Map<String, Object> entry = ListFixtures.volunteer("Nell", "female", ListFixtures.area(ListFixtures.origin(), 0));
        entry.put("cleanDate", java.time.LocalDate.now().minusMonths(3).toString());
        long tooRecent = ListFixtures.addId(entry);
        Map<String, Object> visit = visit(tooRecent);
        visit.put("partnerFirstName", "Dervla");
        visit.put("vouchedByVolunteerId", tooRecent);
        opener.post(attempts(id), visit).statusCode(400).body("error", equalTo("voucher_not_eligible"));
    }

    private long open() {
        return opener.post("/api/calls", CallFixtures.intake(CallRulesTest.area())).statusCode(201).extract().jsonPath()
                .getLong("topicId");
    }

    private static Map<String, Object> visit(long volunteer) {
        return acceptedForAVisit(CallFixtures.attempt("volunteer", volunteer, null, "accepted"));
    }

    private static Map<String, Object> acceptedForAVisit(Map<String, Object> attempt) {
        attempt.put("checks", CallFixtures.checks(true, true, true));
        attempt.put("acceptedFor", "visit");
        return attempt;
    }

    private static Map<String, Object> acceptedForAPhoneCall(Map<String, Object> attempt) {
        attempt.put("checks", CallFixtures.checks(true, true, true));
        attempt.put("acceptedFor", "phone");
        return attempt;
    }

    private static String attempts(long id) {
        return "/api/calls/" + id + "/attempts";
    }

    private static String reportBacks(long id) {
        return "/api/calls/" + id + "/report-backs";
    }
}
