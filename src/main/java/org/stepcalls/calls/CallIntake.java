package org.stepcalls.calls;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.stepcalls.forum.ForumService;
import org.stepcalls.forum.Permissions;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.time.AppClock;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.privacy.CryptoService.Purpose;
import org.stepcalls.privacy.DataKeys;
import org.stepcalls.privacy.PhoneNumbers;
import org.stepcalls.privacy.Redactor;
import org.stepcalls.volunteers.Area;
import org.stepcalls.volunteers.Meeting;
import org.stepcalls.volunteers.MeetingList;
import org.stepcalls.volunteers.MeetingView;
import org.stepcalls.volunteers.RequestType;
import org.stepcalls.volunteers.Sex;
import org.stepcalls.volunteers.VolunteerList;

/**
 * Opens a 12th Step call from the intake form: R1, R2 and R3 refuse with the procedure's reason,
 * R18's emergency guidance comes first, and the caller's details are sealed under a data key of
 * the call's own. The topic's title and first post carry no caller detail beyond the initial.
 * A caller who can get to a meeting under their own steam is referred to the nearest ones and no
 * call is opened; that referral and the R1/R2 refusals leave an anonymised count only.
 */
@ApplicationScoped
@Transactional
public class CallIntake {

    public static final String CATEGORY = "12th-step-calls";
    static final int MAX_NOTES = 2_000;

    /** What the intake answers: the new (or, for a resent form, the existing) call and what to do now. */
    public record Opened(long topicId, List<String> guidance) {
    }

    /** A referral at intake: the nearest meetings to read to the caller — never a contact's name or number (R4). */
    public record Referred(boolean referred, List<MeetingView> meetings, List<String> guidance) {
    }

    /** How many meetings a referral offers to read out. */
    public static final int MEETINGS_TO_READ = 5;

    private final Permissions permissions;
    private final ForumService forum;
    private final PhoneNumbers phoneNumbers;
    private final DataKeys dataKeys;
    private final Redactor redactor;
    private final EntityManager entityManager;
    private final AppClock clock;
    private final IntakeOutcomes outcomes;
    private final MeetingList meetings;
    private final SafetyGuidance safety;

    CallIntake(Permissions permissions, ForumService forum, PhoneNumbers phoneNumbers, DataKeys dataKeys,
            Redactor redactor, EntityManager entityManager, AppClock clock, IntakeOutcomes outcomes, MeetingList meetings,
            SafetyGuidance safety) {
        this.outcomes = outcomes;
        this.meetings = meetings;
        this.safety = safety;
        this.permissions = permissions;
        this.forum = forum;
        this.phoneNumbers = phoneNumbers;
        this.dataKeys = dataKeys;
        this.redactor = redactor;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * The caller can get to a meeting: the nearest meetings to read to them, and one anonymised
     * record. Their name, number, sex and notes are not needed and are kept nowhere, not even
     * sealed; only the area is asked for, to find the meetings.
     */
    @Transactional(dontRollbackOn = IntakeRefused.class)
    public Referred refer(Viewer viewer, NewCall form) {
        List<String> guidance = startIntake(viewer, form);
        refuseUnderR1OrR2(form);
        Area area = area(form);
        outcomes.record(area, IntakeOutcomes.REFERRED_TO_MEETING);
        return new Referred(true, meetings.nearestToReadOut(area, MEETINGS_TO_READ), guidance);
    }

    @Transactional(dontRollbackOn = IntakeRefused.class)
    public Opened open(Viewer viewer, NewCall form) {
        List<String> guidance = startIntake(viewer, form);
        boolean emergency = Boolean.TRUE.equals(form.immediateDanger());
        String key = idempotencyKey(form.idempotencyKey());
        if (key != null) {
            Call earlier = Call.find("openerId = ?1 and idempotencyKey = ?2", viewer.accountId(), key).firstResult();
            if (earlier != null) {
                guidance.add(CallGuidance.CALL_BACK_SOON);
                return new Opened(earlier.topicId, guidance);
            }
        }
        refuseUnderR1OrR2(form);
        // one spelling for one name: a decomposed "Zoë" is stored as the composed one
        String firstName = form.callerFirstName() == null ? ""
                : Normalizer.normalize(form.callerFirstName().strip(), Normalizer.Form.NFC);
        if (!VolunteerList.FIRST_NAME.matcher(firstName).matches()) {
            throw ApiException.invalidField("callerFirstName", "Give the caller's first name: letters only, up to 40.");
        }
        String phone = phoneNumbers.normalise(form.callerPhone()).orElseThrow(() -> new ApiException(400, "phone_invalid",
                "That is not a phone number that can be rung back. Ask the caller again, with the area code."));
        String confirm = phoneNumbers.normalise(form.callerPhoneConfirm()).orElse(null);
        if (!phone.equals(confirm)) {
            throw new ApiException(400, "phone_mismatch",
                    "The two numbers differ. Read the number back to the caller and type it again in both boxes.");
        }
        Area area = area(form);
        Sex sex = Sex.parse(form.callerSex()).orElseThrow(() -> ApiException.invalidField("callerSex",
                "Choose the caller's sex: female, male or other (it decides who is asked first)."));
        RequestType request = RequestType.parse(form.requestType()).orElseThrow(() -> ApiException.invalidField(
                "requestType", "Choose what the caller asked for: a phone call, a visit or a welcome at a meeting."));
        Meeting meeting = null;
        if (request == RequestType.MEETING_WELCOME) {
            meeting = form.meetingId() == null ? null : Meeting.findById(form.meetingId());
            if (meeting == null) {
                throw ApiException.invalidField("meetingId", "Choose the meeting where someone should welcome the caller.");
            }
        }
        if (form.disabledOrVulnerable() == null) {
            throw ApiException.invalidField("disabledOrVulnerable", "Say whether the caller is disabled or vulnerable.");
        }
        String notes = form.notes() == null ? "" : form.notes().strip();
        if (notes.length() > MAX_NOTES) {
            throw ApiException.invalidField("notes", "Notes are at most " + MAX_NOTES + " characters.");
        }

        int number = ((Number) entityManager.createNativeQuery("SELECT nextval('call_number_seq')").getSingleResult())
                .intValue();
        String initial = CallerInitial.of(firstName);
        String title = "Call " + number + " · " + area.name + " area · " + switch (request) {
            case PHONE -> "phone call requested";
            case VISIT -> "visit requested";
            case MEETING_WELCOME -> "welcome at a meeting requested";
        };
        String intake = "**New 12th Step call.** Caller " + initial + "., " + sex.code()
                + ", " + area.name + " area, asked for " + request.described()
                + (meeting == null ? "" : " (" + meeting.name + ", " + meeting.weekday + " " + meeting.startsAt + ")") + "."
                + (form.disabledOrVulnerable() ? " Disabled or vulnerable." : "")
                + (emergency ? " Emergency guidance was given." : "");
        long topicId = forum.openFeatureTopic(viewer, CATEGORY, "intake", title, intake).id();

        Call call = new Call();
        call.topicId = topicId;
        call.number = number;
        call.openedAt = clock.now();
        call.dataKeyId = dataKeys.create(call.openedAt); // in the key epoch of the week the call is opened

        call.area = area;
        call.callerInitial = initial;
        call.callerNameCipher = dataKeys.seal(call.dataKeyId, firstName, Purpose.CALLER_NAME, topicId);
        call.callerPhoneCipher = dataKeys.seal(call.dataKeyId, phone, Purpose.CALLER_PHONE, topicId);
        call.notesCipher = notes.isEmpty() ? null
                : dataKeys.seal(call.dataKeyId, redactor.redact(notes).text(), Purpose.CALL_NOTES, topicId);
        call.callerSex = sex;
        call.requestType = request.code();
        call.meetingId = meeting == null ? null : meeting.id;
        call.disabledOrVulnerable = form.disabledOrVulnerable();
        call.emergencyGuidanceGiven = emergency;
        call.openerId = viewer.accountId();
        call.lastOpenerActivityAt = call.openedAt;
        call.idempotencyKey = key;
        call.persist();
        guidance.add(CallGuidance.CALL_BACK_SOON);
        return new Opened(topicId, guidance);
    }

    /** Who may take a call, and R18 before anything else: the guidance the answer starts with. */
    private List<String> startIntake(Viewer viewer, NewCall form) {
        if (!permissions.canOpenCall(viewer)) {
            throw ApiException.forbidden("Only helpliners open 12th Step calls.");
        }
        List<String> guidance = new ArrayList<>();
        if (Boolean.TRUE.equals(form.immediateDanger())) {
            guidance.add(safety.emergency());
        }
        return guidance;
    }

    /** R1, R2: refused with the procedure's reason, and counted — by region at most, nothing else is kept. */
    private void refuseUnderR1OrR2(NewCall form) {
        if (!Boolean.TRUE.equals(form.requesterIsAddict())) {
            outcomes.record(knownArea(form), IntakeOutcomes.REFUSED_NOT_ADDICT);
            throw new IntakeRefused("requester_not_addict", CallGuidance.ONLY_THE_ADDICT);
        }
        if (Boolean.TRUE.equals(form.prisonGateRequest())) {
            outcomes.record(knownArea(form), IntakeOutcomes.REFUSED_PRISON_GATE);
            throw new IntakeRefused("prison_gate", CallGuidance.NO_PRISON_GATE);
        }
    }

    private static Area knownArea(NewCall form) {
        return form.areaId() == null ? null : Area.findById(form.areaId());
    }

    private static Area area(NewCall form) {
        Area area = knownArea(form);
        if (area == null) {
            throw ApiException.invalidField("areaId", "Choose the caller's area (the nearest town).");
        }
        return area;
    }

    private static String idempotencyKey(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.matches("[A-Za-z0-9_-]{8,64}")) {
            throw ApiException.invalidField("idempotencyKey", "idempotencyKey is 8 to 64 letters, digits, - or _.");
        }
        return value;
    }
}
