package org.stepcalls.volunteers;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

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

/** Meetings and their contacts (R5). Everyone signed in sees meetings; numbers only helpliners and coordinators. */
@ApplicationScoped
@Transactional
public class MeetingList {

    static final int MAX_VENUE = 300;

    private final Permissions permissions;
    private final PhoneNumbers phoneNumbers;
    private final CryptoService crypto;
    private final ListNames names;
    private final VolunteerSettings settings;
    private final DisplayForms displayForms;
    private final VolunteerTasks tasks;
    private final AuditLog audit;

    MeetingList(Permissions permissions, PhoneNumbers phoneNumbers, CryptoService crypto, ListNames names,
            VolunteerSettings settings, DisplayForms displayForms, VolunteerTasks tasks, AuditLog audit) {
        this.tasks = tasks;
        this.audit = audit;
        this.settings = settings;
        this.displayForms = displayForms;
        this.permissions = permissions;
        this.phoneNumbers = phoneNumbers;
        this.crypto = crypto;
        this.names = names;
    }

    public List<MeetingView> list(Viewer viewer) {
        return search(viewer, null, null);
    }

    /**
     * Meetings on {@code weekday} (any day when null), from {@code near} (any place when null):
     * then only those within the contact radius, nearest first, then by day and time — as contacts
     * are found (R5).
     */
    public List<MeetingView> search(Viewer viewer, Area near, String weekday) {
        boolean numbers = permissions.canSeeContactNumbers(viewer);
        // R13: a contact whose number left the list is offered to nobody while a coordinator checks it;
        // coordinators are told it is under check (they see it on the meeting's edit form, to decide)
        Set<Long> onHold = VolunteerTasks.meetingContactsOnHold();
        boolean manager = permissions.canManageList(viewer);
        String day = weekday == null || weekday.isBlank() ? null : weekday.strip().toLowerCase();
        if (day != null && !Meeting.WEEKDAYS.contains(day)) {
            throw ApiException.invalidField("weekday", "weekday is monday to sunday, or left out for any day.");
        }
        List<Meeting> meetings = day == null
                ? Meeting.list("select m from Meeting m join fetch m.area a order by a.name, m.name, m.id")
                : Meeting.list("select m from Meeting m join fetch m.area a where m.weekday = ?1 order by a.name, m.name, m.id",
                        day);
        if (near == null) {
            return meetings.stream().map(m -> view(m, numbers, onHold.contains(m.id), manager, null)).toList();
        }
        return meetings.stream()
                .map(m -> view(m, numbers, onHold.contains(m.id), manager, Math.round(near.distanceKmTo(m.area) * 10) / 10.0))
                .filter(v -> v.distanceKm() <= settings.contactRadiusKm())
                .sorted(Comparator.comparing(MeetingView::distanceKm)
                        .thenComparing(v -> Meeting.WEEKDAYS.indexOf(v.weekday())).thenComparing(MeetingView::time))
                .toList();
    }

    /**
     * The nearest meetings, to read to a caller: no contact's name or number in them, whoever asks
     * (R4 — a member's number never reaches a caller).
     */
    public List<MeetingView> nearestToReadOut(Area near, int limit) {
        return search(Viewer.SIGNED_OUT, near, null).stream().limit(limit)
                .map(m -> new MeetingView(m.id(), m.name(), m.areaId(), m.area(), m.weekday(), m.time(), m.venue(), null,
                        null, m.distanceKm(), false))
                .toList();
    }

    /** One meeting; a coordinator gets a contact under check too (the edit form shows what is checked). */
    public MeetingView get(Viewer viewer, long id) {
        boolean onHold = VolunteerTasks.meetingContactsOnHold().contains(id);
        boolean manager = permissions.canManageList(viewer);
        MeetingView view = view(existing(id), permissions.canSeeContactNumbers(viewer), onHold && !manager, manager, null);
        return onHold && manager ? withContactUnderCheck(view) : view;
    }

    private static MeetingView withContactUnderCheck(MeetingView v) {
        return new MeetingView(v.id(), v.name(), v.areaId(), v.area(), v.weekday(), v.time(), v.venue(), v.contactName(),
                v.contactPhone(), v.distanceKm(), true);
    }

    public MeetingView add(Viewer viewer, MeetingInput input) {
        requireManager(viewer);
        Meeting meeting = new Meeting();
        meeting.id = Meeting.nextId();
        apply(meeting, input);
        meeting.persist();
        audit.recordMeetingChange(viewer.accountId(), Action.MEETING_ADDED, meeting.id, null);
        return view(meeting, true, false, true, null);
    }

    public MeetingView update(Viewer viewer, long id, MeetingInput input) {
        requireManager(viewer);
        Meeting meeting = existing(id);
        String before = contactNumber(meeting);
        apply(meeting, input);
        String after = contactNumber(meeting);
        if (before != null && !before.equals(after)) {
            tasks.meetingContactGone(viewer, id); // a check of the number that was here is settled by its going
        }
        String contact = before == null ? (after == null ? null : "contact_added")
                : after == null ? "contact_removed" : before.equals(after) ? null : "contact_changed";
        audit.recordMeetingChange(viewer.accountId(), Action.MEETING_UPDATED, id, contact);
        return get(viewer, id);
    }

    public void delete(Viewer viewer, long id) {
        requireManager(viewer);
        existing(id).delete();
        audit.recordMeetingChange(viewer.accountId(), Action.MEETING_DELETED, id, null);
    }

    private void apply(Meeting meeting, MeetingInput input) {
        String name = input.name() == null ? "" : input.name().strip();
        if (name.isEmpty() || name.length() > 120) {
            throw ApiException.invalidField("name", "Give the meeting's name (up to 120 characters).");
        }
        names.requireNoContactDetails("name", "meeting's name", name);
        String venue = input.venue() == null ? "" : input.venue().strip();
        if (venue.length() > MAX_VENUE) {
            throw ApiException.invalidField("venue", "The venue is at most " + MAX_VENUE + " characters.");
        }
        names.requireNoContactDetails("venue", "venue", venue);
        Area area = input.areaId() == null ? null : Area.findById(input.areaId());
        if (area == null) {
            throw ApiException.invalidField("areaId", "Choose the meeting's area from the list.");
        }
        String weekday = input.weekday() == null ? "" : input.weekday().strip().toLowerCase();
        if (!Meeting.WEEKDAYS.contains(weekday)) {
            throw ApiException.invalidField("weekday", "Choose a weekday, monday to sunday.");
        }
        LocalTime time;
        try {
            time = LocalTime.parse(input.time() == null ? "" : input.time().strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField("time", "Give the start time as HH:MM, for example 19:30.");
        }
        String contactName = input.contactName() == null ? "" : input.contactName().strip();
        String contactPhone = input.contactPhone() == null ? "" : input.contactPhone().strip();
        meeting.name = name;
        meeting.area = area;
        meeting.weekday = weekday;
        meeting.startsAt = time;
        meeting.venue = venue.isEmpty() ? null : venue;
        if (contactName.isEmpty() && contactPhone.isEmpty()) {
            meeting.removeContact();
            return;
        }
        if (!VolunteerList.FIRST_NAME.matcher(contactName).matches()) {
            throw ApiException.invalidField("contactName", "Give the contact's first name: letters only, up to 40 characters.");
        }
        names.requireNoContactDetails("contactName", "contact's name", contactName);
        String phone = phoneNumbers.normalise(contactPhone).orElseThrow(() -> ApiException.invalidField("contactPhone",
                "That is not a phone number that can be rung. Check it and give it with its area code."));
        meeting.contactName = contactName;
        meeting.contactPhoneCipher = crypto.seal(phone, Purpose.MEETING_CONTACT_PHONE, meeting.id);
        meeting.contactPhoneDisplayCipher = displayForms.seal(ListNumber.MEETING_CONTACT, phone, meeting.id);
    }

    /** The contact's number, null without one; a damaged one reads as none that could match (editing mends it). */
    private String contactNumber(Meeting meeting) {
        if (!meeting.hasContact()) {
            return null;
        }
        try {
            return crypto.open(meeting.contactPhoneCipher, Purpose.MEETING_CONTACT_PHONE, meeting.id);
        } catch (IllegalStateException damaged) {
            return "";
        }
    }

    /** {@code contactOnHold}: the contact is left out; {@code toldWhy}: the view says it is under check (coordinators). */
    private MeetingView view(Meeting m, boolean withNumber, boolean contactOnHold, boolean toldWhy, Double distanceKm) {
        boolean contact = m.hasContact() && !contactOnHold;
        String phone = withNumber && contact
                ? phoneNumbers.display(crypto.open(m.contactPhoneCipher, Purpose.MEETING_CONTACT_PHONE, m.id))
                : null;
        return new MeetingView(m.id, m.name, m.area.id, m.area.name, m.weekday, m.startsAt.toString(), m.venue,
                contact ? m.contactName : null, phone, distanceKm, contactOnHold && toldWhy && m.hasContact());
    }

    private Meeting existing(long id) {
        Meeting meeting = Meeting.findById(id);
        if (meeting == null) {
            throw ApiException.notFound();
        }
        return meeting;
    }

    private void requireManager(Viewer viewer) {
        if (!permissions.canManageList(viewer)) {
            throw ApiException.forbidden("Only coordinators change meetings and their contacts.");
        }
    }
}
