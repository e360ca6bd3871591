package org.stepcalls.volunteers;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;

import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.stepcalls.privacy.CryptoService;
import org.stepcalls.privacy.CryptoService.Purpose;
import org.stepcalls.privacy.PhoneNumbers;
import org.stepcalls.volunteers.DisplayForms.ListNumber;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/** Dev mode only: fictional volunteers and meetings around Leeds, with drama numbers (07700 900xxx). */
@IfBuildProfile("dev")
public class DemoList {

    private static final Logger LOG = Logger.getLogger(DemoList.class);

    @Transactional
    void seed(@Observes StartupEvent event, CryptoService crypto, PhoneNumbers phoneNumbers, DisplayForms displayForms) {
        if (Volunteer.count() > 0) {
            return;
        }
        int n = 0;
        Object[][] people = {
                { "Anna", Sex.FEMALE, "Leeds", 6, true, true }, { "Beth", Sex.FEMALE, "Bradford", 2, true, false },
                { "Carl", Sex.MALE, "Leeds", 11, true, true }, { "Dev", Sex.MALE, "York", 4, true, true },
                { "Erin", Sex.FEMALE, "Sheffield", 9, true, true }, { "Femi", Sex.MALE, "Bradford", 1, true, false },
                { "Gwen", Sex.FEMALE, "Leeds", 0, true, false } };
        for (Object[] p : people) {
            Volunteer v = new Volunteer();
            v.id = Volunteer.nextId();
            v.firstName = (String) p[0];
            String phone = phoneNumbers.normalise("07700 900" + String.format("%03d", ++n)).orElseThrow();
            v.phoneCipher = crypto.seal(phone, Purpose.VOLUNTEER_PHONE, v.id);
            v.phoneDisplayCipher = displayForms.seal(ListNumber.VOLUNTEER, phone, v.id);
            v.phoneIndex = crypto.blindIndex(phone, Purpose.VOLUNTEER_PHONE);
            v.sex = (Sex) p[1];
            v.homeArea = Area.findByName((String) p[2]);
            v.areasCovered.add(v.homeArea);
            // Gwen's clean time is under a year: listed, but never offered as a contact (R6)
            v.cleanDate = LocalDate.now().minusYears((Integer) p[3]).minusMonths(3);
            v.canPhone = (Boolean) p[4];
            v.canVisit = (Boolean) p[5];
            v.guidelinesAcknowledgedOn = LocalDate.now().minusMonths(2);
            v.formReceived = true;
            v.createdAt = OffsetDateTime.now();
            v.updatedAt = v.createdAt;
            v.persist();
        }
        Object[][] meetings = { { "Leeds Hope Group", "Leeds", "tuesday", "19:30", "Hal", "Church hall, side door" },
                { "Bradford Serenity", "Bradford", "thursday", "20:00", "Ivy", "Community centre, room 2" },
                { "York Just for Today", "York", "sunday", "18:00", "Jude", null } };
        for (Object[] m : meetings) {
            Meeting meeting = new Meeting();
            meeting.id = Meeting.nextId();
            meeting.name = (String) m[0];
            meeting.area = Area.findByName((String) m[1]);
            meeting.weekday = (String) m[2];
            meeting.startsAt = LocalTime.parse((String) m[3]);
            meeting.contactName = (String) m[4];
            meeting.venue = (String) m[5];
            String phone = phoneNumbers.normalise("07700 900" + String.format("%03d", ++n)).orElseThrow();
            meeting.contactPhoneCipher = crypto.seal(phone, Purpose.MEETING_CONTACT_PHONE, meeting.id);
            meeting.contactPhoneDisplayCipher = displayForms.seal(ListNumber.MEETING_CONTACT, phone, meeting.id);
            meeting.persist();
        }
        LOG.info("Dev demo list written: 7 fictional volunteers, 3 meetings");
    }
}
