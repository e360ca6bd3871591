package org.stepcalls.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The next step follows the procedure from what has been logged (plain unit test, no database). */
class NextStepTest {

    @Test
    void aNewCallAsksForContacts() {
        NextStep step = NextStep.of(false, List.of());
        assertThat(step.code()).isEqualTo(NextStep.FIND_CONTACT);
        assertThat(step.form()).isEqualTo("attempt");
        assertThat(step.text()).contains("same sex first"); // R8
    }

    @Test
    void attemptsWithoutAnAcceptanceKeepTheSearchGoing() {
        NextStep step = NextStep.of(false, List.of(attempt("volunteer", "no_answer"), attempt("volunteer", "declined")));
        assertThat(step.code()).isEqualTo(NextStep.FIND_CONTACT);
        assertThat(step.text()).contains("next contact").doesNotContain("group");
    }

    @Test
    void theGroupIsSuggestedOnlyAfterTheListAndAMeeting() { // R10
        assertThat(NextStep.of(false, List.of(attempt("volunteer", "no_answer"))).code()).isEqualTo(NextStep.FIND_CONTACT);
        NextStep step = NextStep.of(false, List.of(attempt("volunteer", "no_answer"), attempt("meeting", "declined")));
        assertThat(step.code()).isEqualTo(NextStep.ASK_GROUP);
        assertThat(step.form()).isEqualTo("attempt");
        NextStep asked = NextStep.of(false, List.of(attempt("volunteer", "no_answer"), attempt("meeting", "declined"),
                attempt("group", "no_answer")));
        assertThat(asked.code()).isEqualTo(NextStep.FIND_CONTACT);
    }

    @Test
    void anAcceptanceWaitsForTheReportBackNamingWhoAccepted() { // R11
        NextStep step = NextStep.of(false, List.of(attempt("volunteer", "no_answer"), attempt("volunteer", "accepted")));
        assertThat(step.code()).isEqualTo(NextStep.AWAIT_REPORT_BACK);
        assertThat(step.form()).isEqualTo("report");
        assertThat(step.text()).contains("Wilma (12th Step list)");
    }

    @Test
    void aReportBackLeadsToTheCallbackWithTheReminderToWithhold() { // R14
        NextStep step = NextStep.of(false, List.of(attempt("volunteer", "accepted"), reportBack("contact_made")));
        assertThat(step.code()).isEqualTo(NextStep.CALL_BACK);
        assertThat(step.form()).isEqualTo("callback");
        assertThat(step.text()).contains("made contact").contains("withholding your number");
        assertThat(NextStep.of(false, List.of(attempt("volunteer", "accepted"), reportBack("no_contact"))).text())
                .contains("could not make contact");
    }

    @Test
    void aCallbackThatReachedTheCallerLeadsToTheOutcome() { // R15
        NextStep step = NextStep.of(false, List.of(attempt("volunteer", "accepted"), reportBack("contact_made"), callback(true)));
        assertThat(step.code()).isEqualTo(NextStep.CLOSE);
        assertThat(step.form()).isEqualTo("close");
    }

    @Test
    void anUnansweredCallbackIsTriedAgain() {
        List<CallRecord> records = new ArrayList<>(List.of(attempt("volunteer", "accepted"), reportBack("contact_made"),
                callback(false)));
        assertThat(NextStep.of(false, records).code()).isEqualTo(NextStep.CALL_BACK_AGAIN);
        records.add(callback(true));
        assertThat(NextStep.of(false, records).code()).isEqualTo(NextStep.CLOSE);
    }

    @Test
    void aCallbackBeforeAnyoneAcceptedDoesNotEndTheSearch() {
        NextStep step = NextStep.of(false, List.of(attempt("volunteer", "no_answer"), callback(true)));
        assertThat(step.code()).isEqualTo(NextStep.FIND_CONTACT);
    }

    @Test
    void aClosedCallHasNothingLeft() {
        NextStep step = NextStep.of(true, List.of(attempt("volunteer", "accepted")));
        assertThat(step.code()).isEqualTo(NextStep.NONE);
        assertThat(step.form()).isNull();
    }

    @Test
    void resultsAndKindsThisVersionDoesNotKnowChangeNothing() {
        CallRecord unknownKind = new CallRecord();
        unknownKind.kind = "coordinator_task";
        List<CallRecord> records = List.of(attempt("volunteer", "wants_off_list"), attempt("volunteer", null), unknownKind);
        assertThat(NextStep.of(false, records).code()).isEqualTo(NextStep.FIND_CONTACT);
        List<CallRecord> accepted = List.of(attempt("volunteer", "accepted"), unknownKind, attempt("meeting", "not_eligible"));
        assertThat(NextStep.of(false, accepted).code()).isEqualTo(NextStep.AWAIT_REPORT_BACK);
        CallRecord noKind = new CallRecord();
        assertThat(NextStep.of(false, List.of(noKind)).code()).isEqualTo(NextStep.FIND_CONTACT);
    }

    private static CallRecord attempt(String contactType, String result) {
        CallRecord record = new CallRecord();
        record.kind = CallRecord.ATTEMPT;
        record.contactType = contactType;
        record.result = result;
        record.contactLabel = contactType.equals("meeting") ? "Mags (Hope Group)" : "Wilma (12th Step list)";
        return record;
    }

    private static CallRecord reportBack(String result) {
        CallRecord record = new CallRecord();
        record.kind = CallRecord.REPORT_BACK;
        record.contactLabel = "Wilma";
        record.result = result;
        return record;
    }

    private static CallRecord callback(boolean reached) {
        CallRecord record = new CallRecord();
        record.kind = CallRecord.CALLBACK;
        record.reached = reached;
        return record;
    }
}
