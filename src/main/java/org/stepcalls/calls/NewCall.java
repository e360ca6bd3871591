package org.stepcalls.calls;

/** The intake form (API.md POST /api/calls). Booleans are boxed: an unanswered question is not "no". */
public record NewCall(String callerFirstName, String callerPhone, String callerPhoneConfirm, Long areaId, String callerSex,
        String requestType, Boolean disabledOrVulnerable, Boolean immediateDanger, Boolean requesterIsAddict,
        Boolean prisonGateRequest, String notes, String idempotencyKey) {
}
