package org.stepcalls.calls;

/**
 * The intake form (API.md POST /api/calls). Booleans are boxed: an unanswered question is not "no".
 * {@code canGetToMeeting} true refers the caller to a meeting and opens no call; {@code meetingId}
 * is the meeting whose door a {@code meeting_welcome} is at.
 */
public record NewCall(String callerFirstName, String callerPhone, String callerPhoneConfirm, Long areaId, String callerSex,
        String requestType, Boolean disabledOrVulnerable, Boolean immediateDanger, Boolean requesterIsAddict,
        Boolean prisonGateRequest, String notes, String idempotencyKey, Boolean canGetToMeeting, Long meetingId) {
}
