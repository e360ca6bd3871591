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

    /**
     * {@code reason} goes with not_eligible (relapsed, not_willing, other); {@code invitedFirstName} names a
     * contact invited to join the list (R9); a visit's partner is a list volunteer ({@code partnerVolunteerId})
     * or a first name vouched for by the accepting volunteer ({@code partnerFirstName}, {@code vouchedByVolunteerId}, R7).
     */
    public record AttemptForm(String contactType, Long volunteerId, Long meetingId, String result, String reason,
            Checks checks, String acceptedFor, Long partnerVolunteerId, String partnerFirstName, Long vouchedByVolunteerId,
            Boolean invitedToList, String invitedFirstName, String notes, Long corrects) {
    }

    /** R11: from an accepted contact, named by its volunteer, its meeting or the accepted attempt itself. */
    public record ReportBackForm(Long volunteerId, Long meetingId, Long attemptId, String result, String notes, Long corrects) {
    }

    public record CallbackForm(Boolean reached, String notes, Long corrects) {
    }

    public record CloseForm(String outcome, String notes) {
    }
}
