package org.stepcalls.calls.api;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.stepcalls.privacy.DramaNumbers;

/** Intake forms for tests: fictional callers, drama numbers. */
public final class CallFixtures {

    private CallFixtures() {
    }

    public static Map<String, Object> intake(long areaId, String firstName, String phone) {
        Map<String, Object> form = new HashMap<>();
        form.put("callerFirstName", firstName);
        form.put("callerPhone", phone);
        form.put("callerPhoneConfirm", phone);
        form.put("areaId", areaId);
        form.put("callerSex", "female");
        form.put("requestType", "visit");
        form.put("disabledOrVulnerable", false);
        form.put("immediateDanger", false);
        form.put("requesterIsAddict", true);
        form.put("prisonGateRequest", false);
        form.put("notes", "Sounds shaky, prefers evenings");
        form.put("idempotencyKey", UUID.randomUUID().toString());
        return form;
    }

    public static Map<String, Object> intake(long areaId) {
        return intake(areaId, "Quinn", DramaNumbers.mobile());
    }

    static Map<String, Object> checks(boolean cleanTime, boolean willing, boolean knowsGuidelines) {
        return Map.of("cleanTime", cleanTime, "willing", willing, "knowsGuidelines", knowsGuidelines);
    }

    static Map<String, Object> attempt(String contactType, Long volunteerId, Long meetingId, String result) {
        Map<String, Object> form = new HashMap<>();
        form.put("contactType", contactType);
        if (volunteerId != null) {
            form.put("volunteerId", volunteerId);
        }
        if (meetingId != null) {
            form.put("meetingId", meetingId);
        }
        form.put("result", result);
        form.put("checks", checks(false, false, false));
        form.put("invitedToList", false);
        return form;
    }

    /** A list volunteer accepting a phone call, all three checks confirmed (R6). */
    static Map<String, Object> acceptedForAPhoneCall(long volunteerId) {
        Map<String, Object> form = attempt("volunteer", volunteerId, null, "accepted");
        form.put("checks", checks(true, true, true));
        form.put("acceptedFor", "phone");
        return form;
    }
}
