package org.stepcalls.calls.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.CryptoService.Purpose;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.privacy.KeyEpoch;
import org.stepcalls.privacy.LegacyFormats;
import org.stepcalls.privacy.LegacySeal;
import org.stepcalls.privacy.MasterKey;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A forum deployed before key epochs keeps working (R16): its data keys, wrapped by the master
 * key, are re-wrapped under their week's epoch key, and its values re-sealed bound to their row —
 * once, however often the app starts.
 */
@QuarkusTest
class DataFromBeforeKeyEpochsTest {

    private final ForumApiClient opener = new ForumApiClient(TestUsers.helpliner("octavia"));
    private final ForumApiClient coordinator = new ForumApiClient(ListFixtures.coordinator());

    @Inject
    EntityManager entityManager;

    @Inject
    MasterKey masterKey;

    @Inject
    LegacyFormats legacyFormats;

    @Test
    void callsVolunteersAndMeetingsWrittenBeforeKeyEpochsOpenAfterTheMigrationWhichRunsOnce() {
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        String callerNumber = DramaNumbers.mobile();
        long call = opener.post("/api/calls", CallFixtures.intake(area, "Odette", callerNumber)).statusCode(201).extract()
                .jsonPath().getLong("topicId");
        opener.post("/api/calls/" + call + "/callbacks", Map.of("reached", true, "notes", "placeholder")).statusCode(201);
        Map<String, Object> entry = ListFixtures.volunteer("Olwen", "female", area);
        String volunteerNumber = (String) entry.get("phone");
        long volunteer = ListFixtures.addId(entry);
        String contactNumber = DramaNumbers.mobile();
        long meeting = coordinator.post("/api/meetings", Map.of("name", "Old Format Group", "areaId", area, "weekday",
                "friday", "time", "19:00", "contactName", "Orla", "contactPhone", contactNumber)).statusCode(201).extract()
                .jsonPath().getLong("id");

        // lay the rows down as a forum before key epochs held them, in a database not yet upgraded
        update("DELETE FROM legacy_formats_migrated");
        byte[] master = LegacySeal.masterKeyOf(masterKey);
        byte[] dataKey = new byte[32];
        new SecureRandom().nextBytes(dataKey);
        long keyId = number("SELECT data_key_id FROM calls WHERE topic_id = " + call);
        OffsetDateTime created = OffsetDateTime.now().minusDays(9);
        update("UPDATE data_keys SET wrapped = ?1, epoch = NULL, created_at = ?2 WHERE id = ?3",
                LegacySeal.wrap(master, dataKey), created, keyId);
        update("UPDATE calls SET caller_name_cipher = ?1, caller_phone_cipher = ?2, notes_cipher = ?3 WHERE topic_id = ?4",
                LegacySeal.sealUnderDataKey(dataKey, "Odette", Purpose.CALLER_NAME),
                LegacySeal.sealUnderDataKey(dataKey, e164(callerNumber), Purpose.CALLER_PHONE),
                LegacySeal.sealUnderDataKey(dataKey, "Prefers the mornings", Purpose.CALL_NOTES), call);
        update("UPDATE call_records SET notes_cipher = ?1 WHERE call_id = ?2",
                LegacySeal.sealUnderDataKey(dataKey, "Reached her at the second try", Purpose.CALL_NOTES), call);
        update("UPDATE volunteers SET phone_cipher = ?1 WHERE id = ?2",
                LegacySeal.seal(master, e164(volunteerNumber), Purpose.VOLUNTEER_PHONE), volunteer);
        update("UPDATE meetings SET contact_phone_cipher = ?1 WHERE id = ?2",
                LegacySeal.seal(master, e164(contactNumber), Purpose.MEETING_CONTACT_PHONE), meeting);
        opener.get("/api/calls/" + call).statusCode(500); // unreadable until migrated
        coordinator.get("/api/volunteers/" + volunteer).statusCode(500);

        LegacyFormats.Migrated migrated = legacyFormats.migrate();

        assertThat(migrated).isEqualTo(new LegacyFormats.Migrated(1, 6));
        assertThat(text("SELECT epoch FROM data_keys WHERE id = " + keyId)).isEqualTo(KeyEpoch.of(created).name());
        opener.get("/api/calls/" + call).statusCode(200).body("caller.firstName", equalTo("Odette"))
                .body("notes", equalTo("Prefers the mornings"))
                .body("callbacks[0].notes", equalTo("Reached her at the second try"));
        opener.post("/api/calls/" + call + "/caller-phone", null).statusCode(200).body("phone", equalTo(callerNumber));
        coordinator.get("/api/volunteers/" + volunteer).statusCode(200).body("phone", equalTo(volunteerNumber));
        coordinator.get("/api/meetings/" + meeting).statusCode(200).body("contactPhone", equalTo(contactNumber));
        List<String> sealedNow = sealed(call, volunteer, meeting);
        assertThat(sealedNow).allMatch(v -> v.startsWith("02")); // every value now in the row-bound format

        assertThat(legacyFormats.migrate()).isEqualTo(new LegacyFormats.Migrated(0, 0));
        assertThat(sealed(call, volunteer, meeting)).isEqualTo(sealedNow);

        // once upgraded, an old-format value copied into a row (from a backup made before the
        // upgrade) is never re-sealed for that row: it stays unreadable there
        update("UPDATE volunteers SET phone_cipher = ?1 WHERE id = ?2",
                LegacySeal.seal(master, e164(contactNumber), Purpose.VOLUNTEER_PHONE), volunteer);
        assertThat(legacyFormats.migrate()).isEqualTo(new LegacyFormats.Migrated(0, 0));
        coordinator.get("/api/volunteers/" + volunteer).statusCode(500);
        update("DELETE FROM volunteers WHERE id = ?1", volunteer); // the list is shared with later tests
    }

    /** Every sealed value of these rows in hex; the first byte is the format. */
    @SuppressWarnings("unchecked")
    private List<String> sealed(long call, long volunteer, long meeting) {
        List<String> values = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                SELECT encode(v, 'hex') FROM (
                    SELECT caller_name_cipher v FROM calls WHERE topic_id = ?1
                    UNION ALL SELECT caller_phone_cipher FROM calls WHERE topic_id = ?1
                    UNION ALL SELECT notes_cipher FROM calls WHERE topic_id = ?1
                    UNION ALL SELECT notes_cipher FROM call_records WHERE call_id = ?1
                    UNION ALL SELECT phone_cipher FROM volunteers WHERE id = ?2
                    UNION ALL SELECT contact_phone_cipher FROM meetings WHERE id = ?3) s ORDER BY 1""")
                .setParameter(1, call).setParameter(2, volunteer).setParameter(3, meeting).getResultList());
        assertThat(values).hasSize(6);
        return values;
    }

    private static String e164(String ukNumber) {
        return "+44" + ukNumber.replace(" ", "").substring(1);
    }

    private void update(String statement, Object... parameters) {
        QuarkusTransaction.requiringNew().run(() -> {
            var query = entityManager.createNativeQuery(statement);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            query.executeUpdate();
        });
    }

    private long number(String query) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(query)
                .getSingleResult()).longValue());
    }

    private String text(String query) {
        return QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(query).getSingleResult());
    }
}
