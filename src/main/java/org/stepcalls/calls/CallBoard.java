package org.stepcalls.calls;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.stepcalls.calls.CallForms.AttemptForm;
import org.stepcalls.calls.CallForms.CallbackForm;
import org.stepcalls.calls.CallForms.CloseForm;
import org.stepcalls.calls.CallForms.ReportBackForm;
import org.stepcalls.forum.ForumService;
import org.stepcalls.forum.Permissions;
import org.stepcalls.forum.Topic;
import org.stepcalls.platform.security.Account;
import org.stepcalls.platform.security.ApiKeysStopHere;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.privacy.AuditLog;
import org.stepcalls.privacy.AuditLog.Action;
import org.stepcalls.privacy.CryptoService.Purpose;
import org.stepcalls.privacy.DataKeys;
import org.stepcalls.privacy.PhoneNumbers;
import org.stepcalls.privacy.Redactor;
import org.stepcalls.volunteers.ContactMatcher;
import org.stepcalls.volunteers.Meeting;
import org.stepcalls.volunteers.RequestType;
import org.stepcalls.volunteers.Volunteer;
import org.stepcalls.volunteers.VolunteerTasks;

/**
 * A call after intake: who may see what (R16), the opener's templated posts with the procedure's
 * checks (R6–R12, R14), the outcome and close (R15). Every action asks {@link Permissions}.
 */
@ApplicationScoped
@Transactional
public class CallBoard {

    static final Set<String> CONTACT_TYPES = Set.of("volunteer", "meeting", "indirect", "group");
    static final Map<String, String> RESULTS = Map.of("no_answer", "no answer", "left_message", "left a message",
            "declined", "declined", "not_eligible", "not eligible", "wants_off_list", "wants to leave the 12th Step list",
            "accepted", "accepted");
    static final Map<String, String> OUTCOMES = Map.of("volunteer_phoned", "a volunteer phoned the caller",
            "visit_in_pairs", "a visit was made, in pairs", "referred_to_meeting", "referred to a meeting",
            "caller_unreachable", "the caller could not be reached", "caller_declined", "the caller declined",
            "no_volunteer_found", "no volunteer was found", "welcomed_at_meeting", "someone welcomed them at the meeting");
    static final int MAX_NOTES = 2_000;

    private final Permissions permissions;
    private final ForumService forum;
    private final DataKeys dataKeys;
    private final PhoneNumbers phoneNumbers;
    private final Redactor redactor;
    private final AuditLog audit;
    private final ContactMatcher matcher;
    private final VolunteerTasks tasks;

    CallBoard(Permissions permissions, ForumService forum, DataKeys dataKeys, PhoneNumbers phoneNumbers, Redactor redactor,
            AuditLog audit, ContactMatcher matcher, VolunteerTasks tasks) {
        this.tasks = tasks;
        this.permissions = permissions;
        this.forum = forum;
        this.dataKeys = dataKeys;
        this.phoneNumbers = phoneNumbers;
        this.redactor = redactor;
        this.audit = audit;
        this.matcher = matcher;
    }

    /**
     * R16: an API key never opens a caller's details, whoever it acts as — an admin's key may name any
     * helpliner (and the audit would name that helpliner): the opener signs in to see them.
     */
    private static void refuseApiKey(Viewer viewer) {
        if (viewer.viaApiKey()) {
            throw ApiException.forbidden("An API key never opens a caller's details: sign in to the forum to see them.");
        }
    }

    public CallView view(Viewer viewer, long topicId) {
        Call call = readable(viewer, topicId);
        Topic topic = Topic.findById(topicId);
        boolean opener = permissions.isOpener(viewer, topic);
        // only the opener's view, signed in, opens anything; everyone else's never touches the key
        boolean opens = opener && !viewer.viaApiKey();
        DataKeys.Opener keys = opens ? dataKeys.opener(keyOf(call)) : null;
        CallView.Caller caller = opens
                ? new CallView.Caller(keys.open(call.callerNameCipher, Purpose.CALLER_NAME, topicId),
                        masked(keys.open(call.callerPhoneCipher, Purpose.CALLER_PHONE, topicId)), call.callerInitial,
                        call.callerSex.code())
                : new CallView.Caller(null, null, call.callerInitial, call.callerSex.code());
        List<CallRecord> records = CallRecord.list("callId = ?1 order by id", topicId);
        CallRecord closing = records.stream().filter(r -> r.kind.equals(CallRecord.OUTCOME)).reduce((a, b) -> b).orElse(null);
        return new CallView(call.topicId, call.number, topic.title(), topic.status, call.openedAt, topic.opener.displayName,
                caller, call.area.name, call.area.id, call.requestType, call.disabledOrVulnerable,
                call.emergencyGuidanceGiven, notes(keys, call.notesCipher, Purpose.CALL_NOTES, topicId),
                records.stream().filter(r -> r.kind.equals(CallRecord.ATTEMPT)).map(r -> attempt(r, keys)).toList(),
                records.stream().filter(r -> r.kind.equals(CallRecord.REPORT_BACK))
                        .map(r -> new CallView.ReportBack(r.id, r.postId, r.volunteerId, r.contactLabel, r.result,
                                notes(keys, r), r.createdAt, r.correctsPostId)).toList(),
                records.stream().filter(r -> r.kind.equals(CallRecord.CALLBACK))
                        .map(r -> new CallView.Callback(r.id, r.postId, Boolean.TRUE.equals(r.reached),
                                notes(keys, r), r.createdAt, r.correctsPostId)).toList(),
                call.outcome, closing == null ? null : closing.postId, closing == null ? null : notes(keys, closing),
                call.closedAt, opener, records.stream().map(r -> new CallView.Correctable(r.postId, r.label())).toList(),
                NextStep.of(call.isClosed(), records));
    }

    /** R16: the number, to the opener only, on demand; the reveal is audited (who, when — never the number). */
    public String revealCallerPhone(Viewer viewer, long topicId) {
        Call call = asOpener(viewer, topicId, false);
        refuseApiKey(viewer);
        audit.record(viewer.accountId(), Action.CALLER_PHONE_REVEALED, topicId, null);
        return phoneNumbers.display(dataKeys.open(keyOf(call), call.callerPhoneCipher, Purpose.CALLER_PHONE, topicId));
    }

    /**
     * The number again for the page a reveal redirected to (R16): that reveal was audited a moment
     * ago, and {@code PhoneReveals} hands out each of its one-time tokens once, to its opener.
     */
    public String callerPhoneJustRevealed(Viewer viewer, long topicId) {
        Call call = asOpener(viewer, topicId, false);
        refuseApiKey(viewer);
        return phoneNumbers.display(dataKeys.open(keyOf(call), call.callerPhoneCipher, Purpose.CALLER_PHONE, topicId));
    }

    /** How the timeline words an attempt's result; a result this version does not know reads as its code. */
    public static String resultLabel(String result) {
        return RESULTS.getOrDefault(result, String.valueOf(result).replace('_', ' '));
    }

    public ContactMatcher.Contacts contacts(Viewer viewer, long topicId) {
        Call call = readable(viewer, topicId);
        if (!permissions.canFindContacts(viewer)) {
            throw ApiException.forbidden("Only helpliners and coordinators look up contacts.");
        }
        if (viewer.viaApiKey()) { // volunteers' numbers, like the caller's, are for a signed-in helpliner
            throw new ApiException(403, "api_key_not_allowed", ApiKeysStopHere.MESSAGE);
        }
        // a welcome is matched at the meeting's own area, not the caller's (a removed meeting: the caller's)
        Meeting meeting = call.meetingId == null ? null : Meeting.findById(call.meetingId);
        return matcher.find(meeting == null ? call.area : meeting.area, call.callerSex, call.request());
    }

    public long logAttempt(Viewer viewer, long topicId, AttemptForm form) {
        Call call = asOpener(viewer, topicId, true);
        String type = form.contactType() == null ? "" : form.contactType();
        if (!CONTACT_TYPES.contains(type)) {
            throw ApiException.invalidField("contactType", "contactType is volunteer, meeting, indirect or group.");
        }
        String result = form.result() == null ? "" : form.result();
        if (!RESULTS.containsKey(result)) {
            throw ApiException.invalidField("result", "result is no_answer, left_message, declined, not_eligible, "
                    + "wants_off_list or accepted.");
        }
        CallRecord record = new CallRecord();
        record.kind = CallRecord.ATTEMPT;
        record.contactType = type;
        record.result = result;
        switch (type) {
            case "volunteer" -> {
                Volunteer volunteer = volunteer(form.volunteerId(), "volunteerId");
                record.volunteerId = volunteer.id;
                record.contactLabel = volunteer.firstName + " (12th Step list)";
                volunteer.lastAskedAt = OffsetDateTime.now();
            }
            case "meeting" -> {
                Meeting meeting = form.meetingId() == null ? null : Meeting.findById(form.meetingId());
                if (meeting == null) {
                    throw ApiException.invalidField("meetingId", "Choose the meeting whose contact you tried.");
                }
                record.meetingId = meeting.id;
                record.contactLabel = (meeting.contactName == null ? "contact" : meeting.contactName) + " (" + meeting.name + ")";
            }
            case "indirect" -> { // R8: through a 12th stepper; the third person's number is never recorded
                if (form.volunteerId() != null) {
                    Volunteer through = volunteer(form.volunteerId(), "volunteerId");
                    record.volunteerId = through.id;
                    record.contactLabel = "a member known to " + through.firstName + " (indirect)";
                } else {
                    record.contactLabel = "a member known to a 12th stepper (indirect)";
                }
            }
            default -> { // "group", R10: the last resort, only after the list and the meetings were tried
                if (!triedListAndMeetings(topicId)) {
                    throw ApiException.invalid("group_too_early", "Ask the volunteers' group only after trying at least one "
                            + "volunteer from the 12th Step list and one meeting contact (R10).");
                }
                record.contactLabel = "the helpline volunteers' group";
            }
        }
        CallForms.Checks checks = form.checks() == null ? new CallForms.Checks(false, false, false) : form.checks();
        record.checkCleanTime = Boolean.TRUE.equals(checks.cleanTime());
        record.checkWilling = Boolean.TRUE.equals(checks.willing());
        record.checkKnowsGuidelines = Boolean.TRUE.equals(checks.knowsGuidelines());
        record.invitedToList = Boolean.TRUE.equals(form.invitedToList());
        if (record.invitedToList) { // R9: the coordinator sends the form; the contact is named by first name only
            record.invitedFirstName = tasks.firstName(form.invitedFirstName(), "invitedFirstName");
        }
        if (result.equals("not_eligible")) {
            record.reason = form.reason() == null ? "" : form.reason();
            if (!VolunteerTasks.REASONS.contains(record.reason)) {
                throw ApiException.invalidField("reason", "reason_required",
                        "Say why they are not eligible: relapsed, not up for it, or other.");
            }
        }
        boolean welcome = call.request() == RequestType.MEETING_WELCOME;
        if (result.equals("accepted") && welcome) {
            // the lighter request: at a meeting's door, among members — up for it is enough, nobody goes alone
            if (!Boolean.TRUE.equals(checks.willing())) {
                throw ApiException.invalid("checks_incomplete", "Ask whether they are up for welcoming the newcomer at "
                        + "the meeting's door before recording them as accepted.");
            }
            record.acceptedFor = RequestType.MEETING_WELCOME.code();
        } else if (result.equals("accepted")) {
            if (!checks.allTrue()) {
                throw ApiException.invalid("checks_incomplete", "An attempt is only 'accepted' once all three checks are "
                        + "confirmed: enough clean time, willing, knows the guidelines (R6).");
            }
            String acceptedFor = form.acceptedFor() == null ? call.requestType : form.acceptedFor();
            if (!acceptedFor.equals("phone") && !acceptedFor.equals("visit")) {
                throw ApiException.invalidField("acceptedFor", "acceptedFor is phone or visit.");
            }
            record.acceptedFor = acceptedFor;
            if (acceptedFor.equals("visit")) {
                partner(form, record);
            }
        }
        if (result.equals("accepted") && record.volunteerId != null && type.equals("volunteer")) {
            record.sameSex = Volunteer.<Volunteer> findById(record.volunteerId).sex == call.callerSex;
        }
        long id = save(viewer, call, record, form.corrects(), notes(form.notes()), attemptText(record));
        feedTheList(viewer, record);
        return id;
    }

    /** R7: a second list volunteer, or a recovering addict off the list vouched for by the volunteer who accepted. */
    private void partner(AttemptForm form, CallRecord record) {
        boolean byFirstName = form.partnerFirstName() != null && !form.partnerFirstName().isBlank();
        if (!byFirstName) {
            Volunteer partner = form.partnerVolunteerId() == null ? null : Volunteer.findById(form.partnerVolunteerId());
            if (partner == null || partner.id.equals(record.volunteerId)) {
                throw ApiException.invalid("visit_needs_partner", "A visit is never made alone: name the second "
                        + "volunteer who goes too, from the list or by first name (R7).");
            }
            record.partnerVolunteerId = partner.id;
            return;
        }
        if (form.partnerVolunteerId() != null) {
            throw ApiException.invalidField("partnerFirstName", "Name one partner: someone from the list, or a first name.");
        }
        record.partnerFirstName = tasks.firstName(form.partnerFirstName(), "partnerFirstName");
        Long voucher = form.vouchedByVolunteerId();
        if (voucher == null || !record.contactType.equals("volunteer") || !voucher.equals(record.volunteerId)) {
            throw ApiException.invalidField("vouchedByVolunteerId", "voucher_not_accepting", "A partner who is not on the "
                    + "list is vouched for by the list volunteer who accepted this visit (R7).");
        }
        if (!tasks.eligibleNow(voucher)) {
            throw ApiException.invalidField("vouchedByVolunteerId", "voucher_not_eligible", "Only an eligible volunteer "
                    + "can vouch for a partner: enough clean time, guidelines acknowledged, not waiting on a coordinator (R6, R7).");
        }
        record.vouchedByVolunteerId = voucher;
    }

    /**
     * What the attempt taught the helpline about its list becomes a coordinator's task: a list volunteer
     * found not eligible or wanting off the list leaves matching at once (R6, R13); an invitation is a
     * form to send (R9). The task never names the call.
     */
    private void feedTheList(Viewer viewer, CallRecord record) {
        if (record.contactType.equals("volunteer") && record.volunteerId != null) {
            if (record.result.equals("not_eligible")) {
                tasks.checkEligibility(viewer, record.volunteerId, record.reason);
            } else if (record.result.equals("wants_off_list")) {
                tasks.removeFromList(viewer, record.volunteerId);
            }
        }
        if (record.invitedFirstName != null) {
            tasks.sendListForm(viewer, record.invitedFirstName);
        }
    }

    /** R11: any contact who accepted reports back — a list volunteer, a meeting contact, an indirect contact. */
    public long logReportBack(Viewer viewer, long topicId, ReportBackForm form) {
        Call call = asOpener(viewer, topicId, true);
        CallRecord accepted = acceptedAttempt(topicId, form);
        String result = form.result() == null ? "" : form.result();
        if (!result.equals("contact_made") && !result.equals("no_contact")) {
            throw ApiException.invalidField("result", "result is contact_made or no_contact.");
        }
        CallRecord record = new CallRecord();
        record.kind = CallRecord.REPORT_BACK;
        record.volunteerId = accepted.volunteerId;
        record.meetingId = accepted.meetingId;
        record.reportsOnRecordId = accepted.id;
        record.contactLabel = reporter(accepted);
        record.result = result;
        return save(viewer, call, record, form.corrects(), notes(form.notes()), "**Report back** from " + record.contactLabel
                + ": " + (result.equals("contact_made") ? "they made contact with the caller." : "they could not make contact."));
    }

    /** The accepted attempt a report back is about: 400 for a contact never tried on this call, 409 for one who never accepted. */
    private static CallRecord acceptedAttempt(long topicId, ReportBackForm form) {
        long named = java.util.stream.Stream.of(form.volunteerId(), form.meetingId(), form.attemptId())
                .filter(java.util.Objects::nonNull).count();
        if (named != 1) {
            throw ApiException.invalidField("attemptId", "contact_required", "Name the contact reporting back: "
                    + "volunteerId, meetingId or attemptId (their accepted attempt), one of them.");
        }
        List<CallRecord> tried;
        String field;
        if (form.attemptId() != null) {
            field = "attemptId";
            tried = CallRecord.list("callId = ?1 and kind = ?2 and id = ?3", topicId, CallRecord.ATTEMPT, form.attemptId());
        } else if (form.volunteerId() != null) {
            field = "volunteerId";
            tried = CallRecord.list("callId = ?1 and kind = ?2 and contactType = 'volunteer' and volunteerId = ?3 order by id desc",
                    topicId, CallRecord.ATTEMPT, form.volunteerId());
        } else {
            field = "meetingId";
            tried = CallRecord.list("callId = ?1 and kind = ?2 and contactType = 'meeting' and meetingId = ?3 order by id desc",
                    topicId, CallRecord.ATTEMPT, form.meetingId());
        }
        if (tried.isEmpty()) {
            throw ApiException.invalidField(field, "not_a_contact", "Nobody by that " + field + " was tried on this call.");
        }
        return tried.stream().filter(r -> "accepted".equals(r.result)).findFirst()
                .orElseThrow(() -> ApiException.conflict("contact_not_accepted", "Only a contact who accepted reports back "
                        + "(R11): log their acceptance as an attempt first."));
    }

    /** How the timeline names whoever reports back: a volunteer's first name, else the attempt's own label. */
    private static String reporter(CallRecord accepted) {
        if (accepted.contactType.equals("volunteer") && accepted.volunteerId != null) {
            Volunteer volunteer = Volunteer.findById(accepted.volunteerId);
            if (volunteer != null) {
                return volunteer.firstName;
            }
        }
        return accepted.contactLabel;
    }

    public long logCallback(Viewer viewer, long topicId, CallbackForm form) {
        Call call = asOpener(viewer, topicId, true);
        if (form.reached() == null) {
            throw ApiException.invalidField("reached", "Say whether you reached the caller.");
        }
        CallRecord record = new CallRecord();
        record.kind = CallRecord.CALLBACK;
        record.reached = form.reached();
        return save(viewer, call, record, form.corrects(), notes(form.notes()), "**Called the caller back**: "
                + (form.reached() ? "reached them and updated them." : "could not reach them."));
    }

    /** R15: the opener records the outcome and closes; a closed call takes nothing more. */
    public void close(Viewer viewer, long topicId, CloseForm form) {
        Call call = asOpener(viewer, topicId, true);
        String outcome = form.outcome() == null ? "" : form.outcome();
        if (!OUTCOMES.containsKey(outcome)) {
            throw ApiException.invalidField("outcome", "Choose the outcome: " + String.join(", ", OUTCOMES.keySet()) + ".");
        }
        CallRecord record = new CallRecord();
        record.kind = CallRecord.OUTCOME;
        record.result = outcome;
        save(viewer, call, record, null, notes(form.notes()), "**Outcome**: " + OUTCOMES.get(outcome) + ". Call closed.");
        call.outcome = outcome;
        call.closedAt = OffsetDateTime.now();
        forum.closeForFeature(topicId);
    }

    /** R10: the text for the volunteers' group — no phone number, no caller name. */
    public String groupMessage(Viewer viewer, long topicId) {
        Call call = asOpener(viewer, topicId, false);
        if (!triedListAndMeetings(topicId)) {
            throw ApiException.conflict("group_too_early", "The group is the last resort: first try at least one "
                    + "volunteer from the 12th Step list and one meeting contact (R10).");
        }
        Account opener = Account.findById(call.openerId);
        return "12th Step call needed near " + call.area.name + " (" + call.area.region + "): a " + call.callerSex.code()
                + " caller asked for " + call.request().described() + ". "
                + "If you know a local member who could help, ask them to call " + opener.displayName
                + " (helpliner) — please do not post anyone's phone number here.";
    }

    /**
     * The call's data key. A call past the maximum age whose week's keys the purge already destroyed
     * (it was busy when the purge came by) has none: its details are gone, and it goes at the next run.
     */
    private static long keyOf(Call call) {
        if (call.dataKeyId == null) {
            throw ApiException.conflict("call_erased", "This call is past its retention: its caller's details have "
                    + "been erased, and the call itself goes at the next purge.");
        }
        return call.dataKeyId;
    }

    /** The notes are sealed once the post exists: they are bound to it (a record is its post's). */
    private long save(Viewer viewer, Call call, CallRecord record, Long corrects, String notes, String postText) {
        record.callId = call.topicId;
        if (corrects != null) {
            CallRecord corrected = correctable(call, corrects);
            record.correctsPostId = corrected.postId;
            postText = "*Corrects " + corrected.label() + ".* " + postText;
        }
        record.postId = forum.addRecordPost(viewer, call.topicId, record.kind, postText).id();
        record.notesCipher = notes == null ? null : dataKeys.seal(keyOf(call), notes, Purpose.STEP_NOTES, record.postId);
        record.createdAt = OffsetDateTime.now();
        record.persist();
        call.lastOpenerActivityAt = record.createdAt;
        return record.id;
    }

    /** R12: a correction names the post of an earlier record of the same call, nothing else. */
    private static CallRecord correctable(Call call, long postId) {
        CallRecord corrected = CallRecord.find("callId = ?1 and postId = ?2", call.topicId, postId).firstResult();
        if (corrected == null) {
            throw ApiException.invalidField("corrects", "'corrects' names the post of an earlier record of this call "
                    + "(an attempt, report back or callback); that post is not one.");
        }
        return corrected;
    }

    private Call readable(Viewer viewer, long topicId) {
        Call call = Call.findById(topicId);
        Topic topic = call == null ? null : Topic.findById(topicId);
        if (call == null || !permissions.canRead(viewer, topic)) {
            throw ApiException.notFound(); // members get 404 for every call (R16)
        }
        return call;
    }

    private Call asOpener(Viewer viewer, long topicId, boolean changes) {
        Call call = readable(viewer, topicId);
        if (!permissions.isOpener(viewer, Topic.findById(topicId))) {
            throw ApiException.forbidden(CallGuidance.OPENER_ONLY);
        }
        if (changes && call.isClosed()) {
            throw ApiException.conflict("call_closed", "This call is closed; it can only be read now.");
        }
        return call;
    }

    private boolean triedListAndMeetings(long topicId) {
        return CallRecord.count("callId = ?1 and kind = ?2 and contactType = 'volunteer'", topicId, CallRecord.ATTEMPT) > 0
                && CallRecord.count("callId = ?1 and kind = ?2 and contactType = 'meeting'", topicId, CallRecord.ATTEMPT) > 0;
    }

    private static Volunteer volunteer(Long id, String field) {
        Volunteer volunteer = id == null ? null : Volunteer.findById(id);
        if (volunteer == null) {
            throw ApiException.invalidField(field, "Choose a volunteer from the 12th Step list.");
        }
        return volunteer;
    }

    /** The notes as they will be sealed (numbers redacted), or null when there are none; checked before anything is written. */
    private String notes(String raw) {
        String notes = raw == null ? "" : raw.strip();
        if (notes.length() > MAX_NOTES) {
            throw ApiException.invalidField("notes", "Notes are at most " + MAX_NOTES + " characters.");
        }
        return notes.isEmpty() ? null : redactor.redact(notes).text();
    }

    /** Notes are the opener's alone: without their key ({@code keys} null) nobody gets them. */
    private static String notes(DataKeys.Opener keys, byte[] sealed, Purpose purpose, long row) {
        return keys == null || sealed == null ? null : keys.open(sealed, purpose, row);
    }

    private static String notes(DataKeys.Opener keys, CallRecord record) {
        return notes(keys, record.notesCipher, Purpose.STEP_NOTES, record.postId);
    }

    private static CallView.Attempt attempt(CallRecord r, DataKeys.Opener keys) {
        String partner = partnerName(r);
        return new CallView.Attempt(r.id, r.postId, r.contactType, r.volunteerId, r.meetingId, r.contactLabel, r.result,
                new CallView.Checks(Boolean.TRUE.equals(r.checkCleanTime), Boolean.TRUE.equals(r.checkWilling),
                        Boolean.TRUE.equals(r.checkKnowsGuidelines)),
                r.acceptedFor, r.partnerVolunteerId, partner, Boolean.TRUE.equals(r.invitedToList),
                notes(keys, r), r.createdAt, r.correctsPostId, r.partnerFirstName, r.vouchedByVolunteerId,
                r.invitedFirstName, keys == null ? null : r.reason);
    }

    /** R7: the partner by first name only — a list volunteer's, or the vouched-for person's with who vouched. */
    private static String partnerName(CallRecord r) {
        if (r.partnerVolunteerId != null) {
            Volunteer p = Volunteer.findById(r.partnerVolunteerId);
            return p == null ? "(left the list)" : p.firstName;
        }
        if (r.partnerFirstName != null) {
            Volunteer voucher = r.vouchedByVolunteerId == null ? null : Volunteer.findById(r.vouchedByVolunteerId);
            return r.partnerFirstName + (voucher == null ? "" : " (vouched for by " + voucher.firstName + ")");
        }
        return null;
    }

    private static String attemptText(CallRecord r) {
        StringBuilder text = new StringBuilder("**Contact attempt**: ").append(r.contactLabel).append(" — ")
                .append(RESULTS.get(r.result)).append('.');
        // the checks are asked of someone reached: after no answer or a message left they were never asked,
        // and "willing no" would read as if the volunteer had refused
        // someone who wants to leave the list was not assessed either. Only the checks confirmed are named: an
        // unticked box may mean "not asked", and "clean time no" beside a first name reads as a relapse. Not
        // eligible names none: which check failed is the reason, theirs, for the coordinator's task alone
        boolean spokenTo = !r.result.equals("no_answer") && !r.result.equals("left_message") && !r.result.equals("wants_off_list");
        if (!r.contactType.equals("group") && spokenTo && !r.result.equals("not_eligible")) {
            List<String> confirmed = new java.util.ArrayList<>();
            if (Boolean.TRUE.equals(r.checkCleanTime)) {
                confirmed.add("clean time");
            }
            if (Boolean.TRUE.equals(r.checkWilling)) {
                confirmed.add("willing");
            }
            if (Boolean.TRUE.equals(r.checkKnowsGuidelines)) {
                confirmed.add("knows the guidelines");
            }
            if (!confirmed.isEmpty()) {
                text.append(" Checks confirmed: ").append(String.join(", ", confirmed)).append('.');
            }
        }
        if (r.acceptedFor != null) {
            text.append(" Accepted for ").append(switch (r.acceptedFor) {
                case "visit" -> "a visit, in pairs";
                case "meeting_welcome" -> "a welcome at the meeting's door";
                default -> "a phone call";
            }).append('.');
        }
        String partner = partnerName(r);
        if (partner != null) {
            text.append(" Goes with ").append(partner).append('.');
        }
        // the reason a volunteer is not eligible (a relapse) is theirs: it goes to the coordinator's task, not the thread
        if (Boolean.TRUE.equals(r.invitedToList)) {
            text.append(" Invited ").append(r.invitedFirstName).append(" to join the 12th Step list.");
        }
        return text.toString();
    }

    /** What the opener sees of the number until they ask for it: the last three digits. */
    static String masked(String e164) {
        String digits = e164.replaceAll("\\D", "");
        return "•••• ••• " + digits.substring(Math.max(0, digits.length() - 3));
    }
}
