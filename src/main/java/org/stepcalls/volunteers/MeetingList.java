package org.stepcalls.volunteers;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.stepcalls.forum.Permissions;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.privacy.CryptoService;
import org.stepcalls.privacy.CryptoService.Purpose;
import org.stepcalls.privacy.PhoneNumbers;

/** Meetings and their contacts (R5). Everyone signed in sees meetings; numbers only helpliners and coordinators. */
@ApplicationScoped
@Transactional
public class MeetingList {

    private final Permissions permissions;
    private final PhoneNumbers phoneNumbers;
    private final CryptoService crypto;
    private final ListNames names;

    MeetingList(Permissions permissions, PhoneNumbers phoneNumbers, CryptoService crypto, ListNames names) {
        this.permissions = permissions;
        this.phoneNumbers = phoneNumbers;
        this.crypto = crypto;
        this.names = names;
    }

    public List<MeetingView> list(Viewer viewer) {
        boolean numbers = permissions.canSeeContactNumbers(viewer);
        List<Meeting> meetings = Meeting.list("select m from Meeting m join fetch m.area a order by a.name, m.name, m.id");
        return meetings.stream().map(m -> view(m, numbers)).toList();
    }

    public MeetingView get(Viewer viewer, long id) {
        return view(existing(id), permissions.canSeeContactNumbers(viewer));
    }

    public MeetingView add(Viewer viewer, MeetingInput input) {
        requireManager(viewer);
        Meeting meeting = new Meeting();
        meeting.id = Meeting.nextId();
        apply(meeting, input);
        meeting.persist();
        return view(meeting, true);
    }

    public MeetingView update(Viewer viewer, long id, MeetingInput input) {
        requireManager(viewer);
        Meeting meeting = existing(id);
        apply(meeting, input);
        return view(meeting, true);
    }

    public void delete(Viewer viewer, long id) {
        requireManager(viewer);
        existing(id).delete();
    }

    private void apply(Meeting meeting, MeetingInput input) {
        String name = input.name() == null ? "" : input.name().strip();
        if (name.isEmpty() || name.length() > 120) {
            throw ApiException.invalidField("name", "Give the meeting's name (up to 120 characters).");
        }
        names.requireNoContactDetails("name", "meeting's name", name);
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
    }

    private MeetingView view(Meeting m, boolean withNumber) {
        String phone = withNumber && m.hasContact()
                ? phoneNumbers.display(crypto.open(m.contactPhoneCipher, Purpose.MEETING_CONTACT_PHONE, m.id))
                : null;
        return new MeetingView(m.id, m.name, m.area.id, m.area.name, m.weekday, m.startsAt.toString(), m.contactName, phone);
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
