package org.stepcalls.calls;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What the procedure asks the opener to do now, worked out from what has been logged: find a
 * contact (the volunteers' group only once the list and a meeting were tried, R10), wait for the
 * one who accepted to report back (R11), call the caller back (R14), record the outcome and close
 * (R15). {@code form} names the call page's form for it, null when there is nothing left to do.
 * Records or results this version does not know (a new result, a new kind) change nothing.
 */
public record NextStep(String code, String text, @JsonIgnore String form) {

    public static final String FIND_CONTACT = "find_contact";
    public static final String ASK_GROUP = "ask_group";
    public static final String AWAIT_REPORT_BACK = "await_report_back";
    public static final String CALL_BACK = "call_back";
    public static final String CALL_BACK_AGAIN = "call_back_again";
    public static final String CLOSE = "close";
    public static final String NONE = "none";

    /** The next step of a call whose records, oldest first, are {@code records}. */
    public static NextStep of(boolean closed, List<CallRecord> records) {
        if (closed) {
            return done();
        }
        Progress progress = new Progress();
        for (CallRecord record : records) {
            progress.add(record);
        }
        return progress.next();
    }

    private static NextStep done() {
        return new NextStep(NONE, "Closed: nothing more to do.", null);
    }

    /** The procedure's position, advanced one record at a time. */
    private static final class Progress {
        private String code = FIND_CONTACT;
        private String acceptedBy;
        private String reportedBy;
        private boolean contactMade;
        private boolean triedList;
        private boolean triedMeeting;
        private boolean askedGroup;
        private int attempts;

        void add(CallRecord record) {
            switch (String.valueOf(record.kind)) {
                case CallRecord.ATTEMPT -> attempt(record);
                case CallRecord.REPORT_BACK -> {
                    if (acceptedBy != null) {
                        code = CALL_BACK;
                        reportedBy = record.contactLabel;
                        contactMade = "contact_made".equals(record.result);
                    }
                }
                case CallRecord.CALLBACK -> {
                    // a callback before anyone reported back only updates the caller: the search goes on
                    if (code.equals(CALL_BACK) || code.equals(CALL_BACK_AGAIN)) {
                        code = Boolean.TRUE.equals(record.reached) ? CLOSE : CALL_BACK_AGAIN;
                    }
                }
                case CallRecord.OUTCOME -> code = NONE;
                default -> {
                    // a kind of record this version does not know: it moves nothing on
                }
            }
        }

        private void attempt(CallRecord record) {
            attempts++;
            String type = String.valueOf(record.contactType);
            triedList |= type.equals("volunteer");
            triedMeeting |= type.equals("meeting");
            askedGroup |= type.equals("group");
            if ("accepted".equals(record.result)) {
                code = AWAIT_REPORT_BACK;
                acceptedBy = record.contactLabel;
            }
        }

        NextStep next() {
            return switch (code) {
                case AWAIT_REPORT_BACK -> new NextStep(code, "Wait for " + acceptedBy + " to report back once they have "
                        + "been in touch with the caller, then log the report back.", "report");
                case CALL_BACK -> new NextStep(code, reportedBy + (contactMade ? " made contact" : " could not make contact")
                        + ": call the caller back to update them, withholding your number, and log the callback.", "callback");
                case CALL_BACK_AGAIN -> new NextStep(code, "You could not reach the caller: try again later and log it. "
                        + "If they cannot be reached, record that outcome and close.", "callback");
                case CLOSE -> new NextStep(code, "You have updated the caller: record the outcome and close the call "
                        + "(only you can).", "close");
                case NONE -> done();
                default -> find();
            };
        }

        private NextStep find() {
            if (attempts == 0) {
                return new NextStep(FIND_CONTACT, "Find someone to help: ring the contacts below, same sex first, and log "
                        + "each attempt.", "attempt");
            }
            if (triedList && triedMeeting && !askedGroup) {
                return new NextStep(ASK_GROUP, "Nobody has accepted yet: try another contact or, as a last resort, ask "
                        + "the volunteers' group (the prepared message holds no number).", "attempt");
            }
            return new NextStep(FIND_CONTACT, "Nobody has accepted yet: ring the next contact and log the attempt.",
                    "attempt");
        }
    }
}
