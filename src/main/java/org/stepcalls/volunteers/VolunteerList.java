package org.stepcalls.volunteers;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.stepcalls.forum.Permissions;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.privacy.AuditLog;
import org.stepcalls.privacy.AuditLog.Action;
import org.stepcalls.privacy.CryptoService;
import org.stepcalls.privacy.CryptoService.Purpose;
import org.stepcalls.privacy.PhoneNumbers;
import org.stepcalls.volunteers.DisplayForms.ListNumber;

import io.quarkus.transaction.annotations.Rollback;

/**
 * The 12th Step list: coordinators keep it, members join and leave it themselves (R13). Numbers
 * are sealed before they reach an entity and opened only for someone allowed to see them.
 */
@ApplicationScoped
@Transactional
public class VolunteerList {

    /** Why a coordinator removed someone: a fixed code (so the audit holds no text) and its label. */
    public static final Map<String, String> REMOVAL_REASONS = orderedReasons();

    /**
     * A first name: a letter, then letters with their combining marks (Devanagari vowel signs, a
     * decomposed "ë"), apostrophes, spaces, dots or hyphens; 40 characters at most.
     */
    public static final Pattern FIRST_NAME = Pattern.compile("\\p{L}[\\p{L}\\p{M}'\\u2019 .\\-]{0,39}");
    static final LocalDate EARLIEST_CLEAN_DATE = LocalDate.of(1953, 1, 1);

    private final Permissions permissions;
    private final PhoneNumbers phoneNumbers;
    private final CryptoService crypto;
    private final VolunteerSettings settings;
    private final AuditLog audit;
    private final ListNames names;
    private final DisplayForms displayForms;
    private final NumberTries numberTries;

    VolunteerList(Permissions permissions, PhoneNumbers phoneNumbers, CryptoService crypto, VolunteerSettings settings,
            AuditLog audit, ListNames names, DisplayForms displayForms, NumberTries numberTries) {
        this.names = names;
        this.displayForms = displayForms;
        this.numberTries = numberTries;
        this.permissions = permissions;
        this.phoneNumbers = phoneNumbers;
        this.crypto = crypto;
        this.settings = settings;
        this.audit = audit;
    }

    public List<VolunteerView> list(Viewer viewer) {
        if (!permissions.canSeeContactNumbers(viewer)) {
            throw ApiException.forbidden("Only helpliners and coordinators see the 12th Step list.");
        }
        List<Volunteer> all = Volunteer.list("select distinct v from Volunteer v join fetch v.homeArea"
                + " left join fetch v.areasCovered order by v.firstName, v.id");
        return all.stream().map(v -> view(v)).toList();
    }

    public VolunteerView get(Viewer viewer, long id) {
        Volunteer volunteer = Volunteer.findById(id);
        boolean own = volunteer != null && volunteer.accountId != null && viewer.is(volunteer.accountId);
        if (volunteer == null || !(own || permissions.canSeeContactNumbers(viewer))) {
            throw ApiException.notFound();
        }
        return view(volunteer);
    }

    public VolunteerView add(Viewer viewer, VolunteerInput input) {
        requireManager(viewer);
        Volunteer volunteer = new Volunteer();
        volunteer.id = Volunteer.nextId();
        volunteer.createdAt = OffsetDateTime.now();
        apply(volunteer, input, null);
        volunteer.persist();
        audit.recordListChange(viewer.accountId(), Action.VOLUNTEER_ADDED, volunteer.id, null);
        return view(volunteer);
    }

    public VolunteerView update(Viewer viewer, long id, VolunteerInput input) {
        requireManager(viewer);
        Volunteer volunteer = existing(id);
        apply(volunteer, input, null);
        audit.recordListChange(viewer.accountId(), Action.VOLUNTEER_UPDATED, volunteer.id, null);
        return view(volunteer);
    }

    /** R13: the row goes, and with it the only (encrypted) copy of the number. */
    public void remove(Viewer viewer, long id, String reason) {
        requireManager(viewer);
        String code = reason == null || reason.isBlank() ? "other" : reason.strip();
        if (!REMOVAL_REASONS.containsKey(code)) {
            throw ApiException.invalidField("reason", "Choose a reason: " + String.join(", ", REMOVAL_REASONS.keySet()) + ".");
        }
        Volunteer volunteer = existing(id);
        if (code.equals("asked_to_leave")) {
            askToCheckMeetingContacts(viewer, volunteer);
        }
        erase(volunteer);
        audit.recordListChange(viewer.accountId(), Action.VOLUNTEER_REMOVED, id, code);
    }

    /** The member's own entry, or null when they are not on the list. */
    public VolunteerView mine(Viewer viewer) {
        requireMember(viewer);
        Volunteer volunteer = Volunteer.findByAccount(viewer.accountId());
        return volunteer == null ? null : view(volunteer);
    }

    /**
     * Refuses a member a number already on the list; the transaction still commits, with the try and its
     * audit record and nothing else (it is thrown before the entry is touched or saved): {@code Rollback(false)}
     * holds for every transactional method it passes through.
     */
    @Rollback(false)
    static final class NumberTaken extends ApiException {
        NumberTaken() {
            super(409, "already_listed", "That number is already on the list. If it is yours, ask a coordinator to "
                    + "link your account to it; if not, check it for a typing mistake.", "phone");
        }
    }

    /** A member joins, or updates their entry; they must acknowledge the guidelines (R6). */
    @Transactional
    public VolunteerView join(Viewer viewer, VolunteerInput input) {
        requireMember(viewer);
        Volunteer volunteer = Volunteer.findByAccount(viewer.accountId());
        boolean joining = volunteer == null;
        if (joining) {
            volunteer = new Volunteer();
            volunteer.id = Volunteer.nextId();
            volunteer.createdAt = OffsetDateTime.now();
            volunteer.accountId = viewer.accountId();
        }
        boolean formReceived = volunteer.formReceived; // the coordinator's to mark, not the member's
        apply(volunteer, new VolunteerInput(input.firstName(), input.phone(), input.sex(), input.homeAreaId(),
                input.areaIds(), input.cleanDate(), input.canPhone(), input.canVisit(), input.guidelinesAcknowledged(),
                formReceived, Boolean.TRUE), viewer);
        if (joining) {
            volunteer.persist();
        }
        audit.recordListChange(viewer.accountId(), joining ? Action.VOLUNTEER_JOINED : Action.VOLUNTEER_UPDATED,
                volunteer.id, null);
        return view(volunteer);
    }

    /**
     * R13: leaving takes effect at once; the entry and its number go, and a meeting whose contact has the
     * same number is a coordinator's to check. No role is asked for: someone whose roles were taken away
     * at the identity provider may still leave.
     */
    public void leave(Viewer viewer) {
        if (!viewer.isSignedIn()) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        Volunteer volunteer = Volunteer.findByAccount(viewer.accountId());
        if (volunteer == null) {
            throw ApiException.notFound();
        }
        long id = volunteer.id;
        askToCheckMeetingContacts(viewer, volunteer);
        erase(volunteer);
        audit.recordListChange(viewer.accountId(), Action.VOLUNTEER_LEFT, id, null);
    }

    /**
     * R13: someone who no longer wants to be part of the service leaves meeting contact listings too. The
     * number alone does not say a meeting's contact is the same person (and a member could otherwise wipe
     * a meeting's contact by joining with its number and leaving), so each meeting whose contact has the
     * number becomes a task: a coordinator removes the contact or keeps it. The task names the meeting,
     * never the number, and tells the member nothing. A number that cannot be read (a damaged row) is
     * compared with nothing: an erasure never fails on it.
     */
    private void askToCheckMeetingContacts(Viewer viewer, Volunteer volunteer) {
        String number = readable(volunteer.phoneCipher, Purpose.VOLUNTEER_PHONE, volunteer.id);
        if (number == null) {
            return;
        }
        for (Meeting meeting : Meeting.<Meeting> list("contactPhoneCipher is not null")) {
            if (number.equals(readable(meeting.contactPhoneCipher, Purpose.MEETING_CONTACT_PHONE, meeting.id))) {
                VolunteerTasks.checkMeetingContact(viewer, meeting.id);
            }
        }
    }

    private String readable(byte[] sealed, Purpose purpose, long row) {
        try {
            return crypto.open(sealed, purpose, row);
        } catch (IllegalStateException damaged) {
            return null;
        }
    }

    VolunteerView view(Volunteer v) {
        List<Long> areaIds = new ArrayList<>(v.areasCovered.stream().map(a -> a.id).sorted().toList());
        return new VolunteerView(v.id, v.firstName, v.sex.code(), v.homeArea.id, v.homeArea.name, areaIds, v.cleanDate,
                v.canPhone, v.canVisit, v.guidelinesAcknowledgedOn != null, v.guidelinesAcknowledgedOn, v.formReceived,
                v.active, eligible(v), v.accountId != null,
                phoneNumbers.display(crypto.open(v.phoneCipher, Purpose.VOLUNTEER_PHONE, v.id)));
    }

    /** R6 as the entry stands: active, guidelines acknowledged, enough clean time (open tasks aside: {@link VolunteerTasks}). */
    boolean eligible(Volunteer v) {
        LocalDate cutoff = settings.latestEligibleCleanDate(LocalDate.now());
        return v.active && v.guidelinesAcknowledgedOn != null && !v.cleanDate.isAfter(cutoff);
    }

    /** The contract has no {@code homeAreaId}: without one, the first of {@code areaIds} is the home area. */
    private static Long homeAreaId(VolunteerInput input) {
        if (input.homeAreaId() != null) {
            return input.homeAreaId();
        }
        return input.areaIds() == null || input.areaIds().isEmpty() ? null : input.areaIds().get(0);
    }

    /** {@code member}: the member joining or updating their own entry; null for a coordinator's change. */
    private void apply(Volunteer volunteer, VolunteerInput input, Viewer member) {
        boolean joiningThemselves = member != null;
        String firstName = input.firstName() == null ? "" : input.firstName().strip();
        if (!FIRST_NAME.matcher(firstName).matches()) {
            throw ApiException.invalidField("firstName", "Give a first name: letters only, up to 40 characters.");
        }
        names.requireNoContactDetails("firstName", "first name", firstName);
        String phone = phoneNumbers.normalise(input.phone()).orElseThrow(() -> ApiException.invalidField("phone",
                "That is not a phone number that can be rung. Check it and give it with its area code."));
        Sex sex = Sex.parse(input.sex()).orElseThrow(() -> ApiException.invalidField("sex",
                "Choose female, male or other."));
        Long homeAreaId = homeAreaId(input);
        Area home = homeAreaId == null ? null : Area.findById(homeAreaId);
        if (home == null) {
            throw ApiException.invalidField(input.homeAreaId() == null ? "areaIds" : "homeAreaId",
                    "Choose the home area from the list (or give the areas covered, the home area first).");
        }
        Set<Area> covered = new HashSet<>();
        covered.add(home);
        for (Long areaId : input.areaIds() == null ? List.<Long> of() : input.areaIds()) {
            Area area = areaId == null ? null : Area.findById(areaId);
            if (area == null) {
                throw ApiException.invalidField("areaIds", "One of the areas covered is not a known area.");
            }
            covered.add(area);
        }
        LocalDate cleanDate = input.cleanDate();
        if (cleanDate == null || cleanDate.isAfter(LocalDate.now()) || cleanDate.isBefore(EARLIEST_CLEAN_DATE)) {
            throw ApiException.invalidField("cleanDate", "Give the clean date (the day after the last use); it cannot be in the future.");
        }
        if (input.canPhone() == null || input.canVisit() == null) {
            throw ApiException.invalidField("canPhone", "Say whether they can phone and whether they can visit.");
        }
        if (!input.canPhone() && !input.canVisit()) {
            throw ApiException.invalidField("canPhone", "Someone on the list must be able to phone, visit, or both.");
        }
        boolean acknowledged = Boolean.TRUE.equals(input.guidelinesAcknowledged());
        if (joiningThemselves && !acknowledged) {
            throw ApiException.invalidField("guidelinesAcknowledged",
                    "Read the guidelines and tick the box to say you will follow them — above all, never visit alone.");
        }
        byte[] index = crypto.blindIndex(phone, Purpose.VOLUNTEER_PHONE);
        requireNumberFree(volunteer, index, member);
        volunteer.firstName = firstName;
        volunteer.phoneCipher = crypto.seal(phone, Purpose.VOLUNTEER_PHONE, volunteer.id);
        volunteer.phoneDisplayCipher = displayForms.seal(ListNumber.VOLUNTEER, phone, volunteer.id);
        volunteer.phoneIndex = index;
        volunteer.sex = sex;
        volunteer.homeArea = home;
        volunteer.areasCovered.clear();
        volunteer.areasCovered.addAll(covered);
        volunteer.cleanDate = cleanDate;
        volunteer.canPhone = input.canPhone();
        volunteer.canVisit = input.canVisit();
        if (!acknowledged) {
            volunteer.guidelinesAcknowledgedOn = null;
        } else if (volunteer.guidelinesAcknowledgedOn == null) {
            volunteer.guidelinesAcknowledgedOn = LocalDate.now();
        }
        volunteer.formReceived = Boolean.TRUE.equals(input.formReceived());
        volunteer.active = input.active() == null || input.active();
        volunteer.updatedAt = OffsetDateTime.now();
    }

    /**
     * One entry per number. A coordinator changing the list sees every number, so is told plainly; a
     * member is told too (it is how someone already on the old list learns to ask to be linked), within
     * {@link NumberTries}' limit, each time audited with the entry named.
     */
    private void requireNumberFree(Volunteer volunteer, byte[] index, Viewer member) {
        boolean newNumber = volunteer.phoneIndex == null || !Arrays.equals(volunteer.phoneIndex, index);
        byte[] identity = member != null && newNumber ? numberTries.requireTriesLeft(member.accountId()) : null;
        Volunteer sameNumber = Volunteer.find("phoneIndex", index).firstResult();
        if (sameNumber == null || sameNumber.equals(volunteer)) {
            return;
        }
        if (member == null) {
            throw ApiException.conflictOnField("phone", "already_listed", "Someone on the list already has that number.");
        }
        numberTries.record(identity);
        audit.recordListChange(member.accountId(), Action.VOLUNTEER_NUMBER_TAKEN, sameNumber.id, null);
        throw new NumberTaken(); // commits the try and its audit record
    }

    private void erase(Volunteer volunteer) {
        // tasks about the entry stay, naming nobody; the open ones are settled by its going (R13)
        for (VolunteerTask task : VolunteerTask.<VolunteerTask> list("volunteerId", volunteer.id)) {
            if (!task.isDone()) {
                task.doneAt = OffsetDateTime.now();
                task.resolution = "removed_from_list";
            }
            task.volunteerId = null;
        }
        volunteer.delete();
    }

    private Volunteer existing(long id) {
        Volunteer volunteer = Volunteer.findById(id);
        if (volunteer == null) {
            throw ApiException.notFound();
        }
        return volunteer;
    }

    private void requireManager(Viewer viewer) {
        if (!permissions.canManageList(viewer)) {
            throw ApiException.forbidden("Only coordinators change the 12th Step list.");
        }
    }

    private static Map<String, String> orderedReasons() {
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("asked_to_leave", "Asked to leave the list");
        reasons.put("no_longer_eligible", "No longer eligible (clean time, relapse)");
        reasons.put("unreachable", "Cannot be reached");
        reasons.put("duplicate", "Listed twice");
        reasons.put("other", "Other");
        return Collections.unmodifiableMap(reasons);
    }

    private void requireMember(Viewer viewer) {
        if (!permissions.canJoinList(viewer)) {
            throw ApiException.forbidden("Only members can join or leave the 12th Step list.");
        }
    }

}
