package org.stepcalls.calls;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A call as one person may see it (R16): the opener gets the caller's first name and a masked
 * number; everyone else only the initial. Notes are the opener's alone. {@code correctable}: the
 * records a new one may correct (R12), oldest first; {@code nextStep}: what the procedure asks of the opener now;
 * {@code outcomeNotes}: what the opener wrote when closing it, theirs alone like the others.
 */
public record CallView(long topicId, int number, String title, String status, OffsetDateTime openedAt, String openerName,
        Caller caller, String area, long areaId, String requestType, boolean disabledOrVulnerable,
        boolean emergencyGuidanceGiven, String notes, List<Attempt> attempts, List<ReportBack> reportBacks,
        List<Callback> callbacks, String outcome, Long outcomePostId, String outcomeNotes, OffsetDateTime closedAt, boolean opener,
        List<Correctable> correctable, NextStep nextStep) {

    /** {@code firstName} and {@code phoneMasked} only for the opener; {@code initial} for everyone else. */
    public record Caller(String firstName, String phoneMasked, String initial, String sex) {
    }

    public record Checks(boolean cleanTime, boolean willing, boolean knowsGuidelines) {
    }

    /** {@code reason} (why not eligible) only for the opener; {@code partner} by first name, with who vouched (R7). */
    public record Attempt(long id, long postId, String contactType, Long volunteerId, Long meetingId, String contact,
            String result, Checks checks, String acceptedFor, Long partnerVolunteerId, String partner,
            boolean invitedToList, String notes, OffsetDateTime createdAt, Long corrects, String partnerFirstName,
            Long vouchedByVolunteerId, String invitedFirstName, String reason) {
    }

    /** {@code volunteer}: who reported back, as the timeline names them (a volunteer, a meeting contact, an indirect contact). */
    public record ReportBack(long id, long postId, Long volunteerId, String volunteer, String result, String notes,
            OffsetDateTime createdAt, Long corrects) {
    }

    public record Callback(long id, long postId, boolean reached, String notes, OffsetDateTime createdAt, Long corrects) {
    }

    /** A record a new one may correct, as the correction form offers it. */
    public record Correctable(Long postId, String label) {
    }

    public boolean isClosed() {
        return closedAt != null;
    }

    /** The opener's own notes on the record behind a timeline post (R12); null for everyone else, or when none. */
    public String notesFor(long postId) {
        for (Attempt attempt : attempts) {
            if (attempt.postId() == postId) {
                return attempt.notes();
            }
        }
        for (ReportBack reportBack : reportBacks) {
            if (reportBack.postId() == postId) {
                return reportBack.notes();
            }
        }
        for (Callback callback : callbacks) {
            if (callback.postId() == postId) {
                return callback.notes();
            }
        }
        return outcomePostId != null && outcomePostId == postId ? outcomeNotes : null;
    }
}
