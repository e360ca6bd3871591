package org.stepcalls.volunteers;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.CryptoService;
import org.stepcalls.privacy.CryptoService.Purpose;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.privacy.PhoneNumbers;
import org.stepcalls.volunteers.DisplayForms.ListNumber;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Each list number's display form is sealed beside it on every write, and a lookup shows it unformatted. */
@QuarkusTest
class DisplayFormsTest {

    private final ForumApiClient coordinator = new ForumApiClient(ListFixtures.coordinator());
    private final ForumApiClient helpliner = new ForumApiClient(TestUsers.helpliner("harriet"));

    @Inject
    EntityManager entityManager;
    @Inject
    CryptoService crypto;
    @Inject
    PhoneNumbers phoneNumbers;
    @Inject
    DisplayForms displayForms;

    @Test
    void aVolunteersDisplayFormIsSealedOnCreateAndUpdateAndMatchesTheFormattedNumber() {
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        Map<String, Object> entry = ListFixtures.volunteer("Della", "female", area);
        long id = ListFixtures.addId(entry);
        assertThat(display(ListNumber.VOLUNTEER, id)).isEqualTo(formatted(ListNumber.VOLUNTEER, id))
                .isEqualTo("GB|" + entry.get("phone"));

        String changed = DramaNumbers.mobile().replace(" ", "");
        entry.put("phone", changed);
        coordinator.put("/api/volunteers/" + id, entry).statusCode(200);
        assertThat(display(ListNumber.VOLUNTEER, id)).isEqualTo(formatted(ListNumber.VOLUNTEER, id))
                .isEqualTo("GB|" + changed.substring(0, 5) + " " + changed.substring(5));
    }

    @Test
    void importedVolunteersGetTheirDisplayFormsInTheSameInsert() {
        String number = DramaNumbers.mobile();
        String csv = "firstName,phone,sex,area,cleanDate,canPhone,canVisit\nIola," + number.replace(" ", "-") + ",female,Leeds,"
                + LocalDate.now().minusYears(4) + ",true,false\n";
        given().header("Authorization", TestUsers.bearer(ListFixtures.coordinator())).contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/volunteers/import?guidelinesAcknowledged=true").then()
                .statusCode(200);
        long id = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT max(id) FROM volunteers WHERE first_name = 'Iola'").getSingleResult()).longValue());
        assertThat(display(ListNumber.VOLUNTEER, id)).isEqualTo(formatted(ListNumber.VOLUNTEER, id)).isEqualTo("GB|" + number);
    }

    @Test
    void aMeetingContactsDisplayFormIsSealedWithTheNumberAndGoesWithIt() { // R13
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        String number = DramaNumbers.mobile();
        Map<String, Object> meeting = new java.util.HashMap<>(Map.of("name", "Open Door", "areaId", area, "weekday",
                "monday", "time", "19:00", "contactName", "Rhea", "contactPhone", number));
        long id = coordinator.post("/api/meetings", meeting).statusCode(201).extract().jsonPath().getLong("id");
        assertThat(display(ListNumber.MEETING_CONTACT, id)).isEqualTo(formatted(ListNumber.MEETING_CONTACT, id))
                .isEqualTo("GB|" + number);

        meeting.remove("contactName");
        meeting.remove("contactPhone");
        coordinator.put("/api/meetings/" + id, meeting).statusCode(200);
        assertThat(cipher(ListNumber.MEETING_CONTACT, id, "contact_phone_display_cipher")).isNull();
    }

    @Test
    void rowsSealedBeforeDisplayFormsExistedGetThemAtStartup() {
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        long volunteer = ListFixtures.addId(ListFixtures.volunteer("Orla", "female", area));
        long meeting = coordinator.post("/api/meetings", Map.of("name", "New Dawn", "areaId", area, "weekday", "friday",
                "time", "20:00", "contactName", "Oona", "contactPhone", DramaNumbers.mobile())).statusCode(201).extract()
                .jsonPath().getLong("id");
        forget("UPDATE volunteers SET phone_display_cipher = NULL WHERE id = ?1", volunteer);
        forget("UPDATE meetings SET contact_phone_display_cipher = NULL WHERE id = ?1", meeting);

        assertThat(displayForms.sealMissing(ListNumber.VOLUNTEER)).isPositive();
        assertThat(displayForms.sealMissing(ListNumber.MEETING_CONTACT)).isPositive();
        assertThat(display(ListNumber.VOLUNTEER, volunteer)).isEqualTo(formatted(ListNumber.VOLUNTEER, volunteer));
        assertThat(display(ListNumber.MEETING_CONTACT, meeting)).isEqualTo(formatted(ListNumber.MEETING_CONTACT, meeting));
        assertThat(displayForms.sealMissing(ListNumber.VOLUNTEER)).isZero();
    }

    @Test
    void aNumberThatDoesNotOpenIsLeftWithoutADisplayFormAndTheRestAreSealed() {
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        long good = ListFixtures.addId(ListFixtures.volunteer("Tess", "female", area));
        long damaged = ListFixtures.addId(ListFixtures.volunteer("Tilly", "female", area));
        try {
            // another row's ciphertext: bound to that row, it does not open here
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                    "UPDATE volunteers SET phone_cipher = (SELECT phone_cipher FROM volunteers WHERE id = ?1), "
                            + "phone_display_cipher = NULL WHERE id = ?2").setParameter(1, good).setParameter(2, damaged)
                    .executeUpdate());
            forget("UPDATE volunteers SET phone_display_cipher = NULL WHERE id = ?1", good);

            assertThat(displayForms.sealMissing(ListNumber.VOLUNTEER)).isPositive();
            assertThat(display(ListNumber.VOLUNTEER, good)).isEqualTo(formatted(ListNumber.VOLUNTEER, good));
            assertThat(cipher(ListNumber.VOLUNTEER, damaged, "phone_display_cipher")).isNull();
        } finally {
            forget("DELETE FROM volunteers WHERE id = ?1", damaged);
        }
    }

    @Test
    void aLookupFormatsTheNumberWhenItsDisplayFormIsMissingOrForAnotherRegion() { // R5
        String origin = ListFixtures.origin();
        long here = ListFixtures.area(origin, 0);
        Map<String, Object> entry = ListFixtures.volunteer("Posy", "female", here);
        long id = ListFixtures.addId(entry);
        assertThat(lookedUpNumber(here, id)).isEqualTo(entry.get("phone"));

        forget("UPDATE volunteers SET phone_display_cipher = NULL WHERE id = ?1", id);
        assertThat(lookedUpNumber(here, id)).isEqualTo(entry.get("phone"));

        byte[] otherRegion = crypto.seal("US|+44 7700 900999", Purpose.VOLUNTEER_PHONE_DISPLAY, id);
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("UPDATE volunteers SET phone_display_cipher = ?1 WHERE id = ?2").setParameter(1, otherRegion)
                .setParameter(2, id).executeUpdate());
        assertThat(lookedUpNumber(here, id)).isEqualTo(entry.get("phone"));
    }

    private String lookedUpNumber(long area, long volunteer) {
        List<Map<String, Object>> found = helpliner.get("/api/contacts?areaId=" + area + "&sex=female&requestType=phone")
                .statusCode(200).extract().jsonPath().getList("volunteers");
        return found.stream().filter(v -> ((Number) v.get("id")).longValue() == volunteer).map(v -> (String) v.get("phone"))
                .findFirst().orElseThrow();
    }

    /** What the display column opens to, region tag included. */
    private String display(ListNumber number, long row) {
        return crypto.open(cipher(number, row, number.displayColumn), number.displayPurpose, row);
    }

    /** The sealed number, opened and formatted as before display forms existed, with the region tag they carry. */
    private String formatted(ListNumber number, long row) {
        return phoneNumbers.region() + "|"
                + phoneNumbers.display(crypto.open(cipher(number, row, number.numberColumn), number.numberPurpose, row));
    }

    private byte[] cipher(ListNumber number, long row, String column) {
        return QuarkusTransaction.requiringNew().call(() -> (byte[]) entityManager
                .createNativeQuery("SELECT " + column + " FROM " + number.table + " WHERE id = ?1").setParameter(1, row)
                .getSingleResult());
    }

    private void forget(String sql, long row) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(sql).setParameter(1, row).executeUpdate());
    }
}
