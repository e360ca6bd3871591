package org.stepcalls.calls;

/** The procedure's words, shown where the helpliner needs them (seed/12th-step-calls-procedure.txt). */
public final class CallGuidance {

    /** R18: shown before anything else when the caller is in immediate danger or needs medical help. */
    public static String emergency(String emergencyNumbers) {
        return "EMERGENCY FIRST: if the caller is in immediate danger or needs medical help, tell them to ring "
                + emergencyNumbers + " now — or ring for them if they cannot. Only then carry on.";
    }

    /** The procedure's GDPR warning, in one line for the intake form. */
    public static final String GDPR = "GDPR: misusing a caller's or a member's contact details can bring a fine on "
            + "Narcotics Anonymous and on you, the volunteer. Never give members' numbers to the caller.";

    /** R1. */
    public static final String ONLY_THE_ADDICT = "A 12th Step call can only be requested by the addict, not by a friend "
            + "or family member, so this call is not logged. Encourage the caller to help them get to a meeting, or to "
            + "ring the helpline themselves.";

    /** R2. */
    public static final String NO_PRISON_GATE = "Requests to be met at the prison gate on release are no longer accepted "
            + "(H&I stopped them: there is no number to update the caller on). Suggest a meeting near where they will live.";

    public static final String CALL_BACK_SOON = "Tell the caller you will call them back soon with an update. "
            + "Then find contacts: the 12th Step list and nearby meetings, same sex first.";

    /** R14; {@code prefix} empty where the network has none: the phone's own setting then. */
    public static String withholdNumber(String prefix) {
        return "Withhold your number when you call the caller back: " + (prefix.isEmpty() ? "use your phone's setting"
                : "dial " + prefix + " before their number") + ", or use the internet-call option.";
    }

    /** R15. */
    public static final String OPENER_ONLY = "Only the helpliner who opened this call logs its contacts, calls back and "
            + "closes it: finish what you start — there is no hand-over. You can add advice as a reply.";

    /** R6. */
    public static final String CHECKS_BEFORE_ASKING = "Before asking anyone, check all three: enough clean time (no recent "
            + "relapse), up for it, and knows the guidelines — never visit alone.";

    private CallGuidance() {
    }
}
