package org.stepcalls.calls;

/** The templated posts' bodies (API.md "12th Step Calls"). */
public final class CallForms {

    private CallForms() {
    }

    public record Checks(Boolean cleanTime, Boolean willing, Boolean knowsGuidelines) {
        boolean allTrue() {
            return Boolean.TRUE.equals(cleanTime) && Boolean.TRUE.equals(willing) && Boolean.TRUE.equals(knowsGuidelines);
        }
    }

    public record AttemptForm(String contactType, Long volunteerId, Long meetingId, String result, Checks checks,
            String acceptedFor, Long partnerVolunteerId, Boolean invitedToList, String notes) {
    }

    public record ReportBackForm(Long volunteerId, String result, String notes) {
    }

    public record CallbackForm(Boolean reached, String notes) {
    }

    public record CloseForm(String outcome, String notes) {
    }
}
