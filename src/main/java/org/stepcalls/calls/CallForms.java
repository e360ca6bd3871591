package org.stepcalls.calls;

/**
 * The templated posts' bodies (API.md "12th Step Calls"). {@code corrects}, optional, is the post id
 * of an earlier record of the same call that this one corrects (records are never edited, R12).
 */
public final class CallForms {

    private CallForms() {
    }

    public record Checks(Boolean cleanTime, Boolean willing, Boolean knowsGuidelines) {
        boolean allTrue() {
            return Boolean.TRUE.equals(cleanTime) && Boolean.TRUE.equals(willing) && Boolean.TRUE.equals(knowsGuidelines);
        }
    }

    public record AttemptForm(String contactType, Long volunteerId, Long meetingId, String result, Checks checks,
            String acceptedFor, Long partnerVolunteerId, Boolean invitedToList, String notes, Long corrects) {
    }

    public record ReportBackForm(Long volunteerId, String result, String notes, Long corrects) {
    }

    public record CallbackForm(Boolean reached, String notes, Long corrects) {
    }

    public record CloseForm(String outcome, String notes) {
    }
}
