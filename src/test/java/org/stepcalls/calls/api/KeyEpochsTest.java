package org.stepcalls.calls.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.forum.web.PageSession;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.platform.time.MovableClock;
import org.stepcalls.privacy.AuditLog;
import org.stepcalls.privacy.BackupAttacker;
import org.stepcalls.privacy.BackupAttacker.CopiedKey;
import org.stepcalls.privacy.CryptoService;
import org.stepcalls.privacy.CryptoService.Purpose;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.privacy.KeyEpoch;
import org.stepcalls.privacy.Keyring;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * R16, R19: a call's details die with its epoch key everywhere — in any copy of the database, of
 * any date, even with the master key — and a living call whose epoch key is lost says so.
 */
@QuarkusTest
class KeyEpochsTest {

    private static final String PLANTED = "Philippa";

    private final ForumApiClient opener = new ForumApiClient(TestUsers.helpliner("ezekiel"));
    private final ForumApiClient otherHelpliner = new ForumApiClient(TestUsers.helpliner("esme"));
    private final ForumApiClient coordinator = new ForumApiClient(TestUsers.coordinator("enid"));

    @Inject
    EntityManager entityManager;

    @Inject
    CryptoService crypto;

    @Inject
    Keyring keyring;

    @Inject
    AuditLog audit;

    @Test
    void aBackupTakenBeforeThePurgeOpensNothingOnceTheEpochKeyIsDestroyed() { // R16, R19
        MovableClock clock = MovableClock.install();
        OffsetDateTime tenWeeksAgo = OffsetDateTime.now().minusWeeks(10);
        KeyEpoch epoch = KeyEpoch.of(tenWeeksAgo);
        clock.set(tenWeeksAgo);
        String number = DramaNumbers.mobile();
        long call = open(PLANTED, number);
        clock.reset();
        opener.post("/api/calls/" + call + "/callbacks", Map.of("reached", false, "notes", PLANTED + " was out, try at six"))
                .statusCode(201);
        assertThat(keyring.epochs()).contains(epoch);

        // the attacker's backup: every row of the key and call tables, as they are before the purge
        List<CopiedKey> keys = rows("SELECT id, wrapped, epoch FROM data_keys").stream()
                .map(r -> new CopiedKey(((Number) r[0]).longValue(), (byte[]) r[1], (String) r[2])).toList();
        Object[] callRow = rows("SELECT data_key_id, caller_name_cipher, caller_phone_cipher, notes_cipher FROM calls "
                + "WHERE topic_id = " + call).get(0);
        Object[] recordRow = rows("SELECT post_id, notes_cipher FROM call_records WHERE call_id = " + call).get(0);
        long postId = ((Number) recordRow[0]).longValue();
        BackupAttacker attacker = new BackupAttacker(crypto, keyring);
        // the attack works while the epoch key exists: that is what the purge must end
        assertThat(attacker.open((byte[]) callRow[1], Purpose.CALLER_NAME, call, attacker.dataKeysThatOpen(keys)))
                .contains(PLANTED);

        coordinator.post("/api/admin/purge", null).statusCode(200);

        assertThat(keyring.epochs()).doesNotContain(epoch);
        assertThat(Files.exists(keyring.directory().resolve(epoch.name() + ".key"))).isFalse();
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'key_epoch_destroyed' AND detail = '"
                + epoch.name() + "' AND topic_id IS NULL AND post_id IS NULL")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM data_keys WHERE epoch = '" + epoch.name() + "'")).isZero();
        new ForumApiClient(TestUsers.admin("edda")).get("/api/audit?action=key_epoch_destroyed").statusCode(200)
                .body("entries.find { it.detail == '" + epoch.name() + "' }.actor", equalTo("enid"));

        List<byte[]> recovered = attacker.dataKeysThatOpen(keys);
        long callKey = ((Number) callRow[0]).longValue();
        CopiedKey ownKey = keys.stream().filter(k -> k.id() == callKey).findFirst().orElseThrow();
        assertThat(attacker.dataKeysThatOpen(List.of(ownKey))).isEmpty();
        assertThat(attacker.dataKeysThatOpen(keys.stream().filter(k -> epoch.name().equals(k.epoch())).toList())).isEmpty();
        assertThat(attacker.open((byte[]) callRow[1], Purpose.CALLER_NAME, call, recovered)).isEmpty();
        assertThat(attacker.open((byte[]) callRow[2], Purpose.CALLER_PHONE, call, recovered)).isEmpty();
        assertThat(attacker.open((byte[]) callRow[3], Purpose.CALL_NOTES, call, recovered)).isEmpty();
        assertThat(attacker.open((byte[]) recordRow[1], Purpose.STEP_NOTES, postId, recovered)).isEmpty();
        assertThat(attacker.open((byte[]) recordRow[1], Purpose.CALL_NOTES, postId, recovered)).isEmpty();
    }

    @Test
    void aLivingCallWhoseEpochKeyIsMissingSaysSoAndTheRestOfTheForumWorks() throws Exception { // R16
        MovableClock clock = MovableClock.install();
        OffsetDateTime threeWeeksAgo = OffsetDateTime.now().minusWeeks(3); // living: within the 30 days
        KeyEpoch epoch = KeyEpoch.of(threeWeeksAgo);
        clock.set(threeWeeksAgo);
        long call = open("Quinn", DramaNumbers.mobile());
        clock.reset();
        long today = open("Quinn", DramaNumbers.mobile());
        Path file = keyring.directory().resolve(epoch.name() + ".key");
        Path aside = Files.createTempDirectory("lost-keyring").resolve(epoch.name() + ".key");
        Files.move(file, aside);
        try {
            opener.get("/api/calls/" + call).statusCode(409).body("error", equalTo("epoch_key_missing"))
                    .body("message", containsString("key of its week (" + epoch.name() + ") is missing from the keyring"))
                    .body("message", containsString("The rest of the forum works"));
            opener.post("/api/calls/" + call + "/caller-phone", null).statusCode(409).body("error", equalTo("epoch_key_missing"));
            opener.post("/api/calls/" + call + "/callbacks", Map.of("reached", false, "notes", "no answer"))
                    .statusCode(409).body("error", equalTo("epoch_key_missing"));

            Response page = new PageSession(TestUsers.helpliner("ezekiel")).get("/calls/" + call);
            assertThat(page.statusCode()).isEqualTo(409);
            String text = Jsoup.parse(page.asString()).text();
            assertThat(text).contains("is missing from the keyring").contains(epoch.name()).doesNotContain("Exception")
                    .doesNotContain(" at org.");

            // everyone else's view never needs the key; the opener's other calls and the forum go on
            otherHelpliner.get("/api/calls/" + call).statusCode(200).body("caller.initial", equalTo("Q"));
            opener.get("/api/calls/" + today).statusCode(200).body("caller.firstName", equalTo("Quinn"));
            opener.get("/api/categories").statusCode(200);
            assertThat(keyring.epochs()).doesNotContain(epoch); // a lost key is never silently replaced
        } finally {
            Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE);
        }
        opener.get("/api/calls/" + call).statusCode(200).body("caller.firstName", equalTo("Quinn"));
    }

    private long open(String firstName, String number) {
        Map<String, Object> intake = CallFixtures.intake(ListFixtures.area(ListFixtures.origin(), 0), firstName, number);
        intake.put("notes", firstName + " lives by the canal");
        return opener.post("/api/calls", intake).statusCode(201).extract().jsonPath().getLong("topicId");
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String query) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(query).getResultList());
    }

    private long count(String query) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(query)
                .getSingleResult()).longValue());
    }

    @Test
    void theScheduledPurgesDestroyedKeysAreReadInTheAuditLog() { // R16, R17
        KeyEpoch epoch = KeyEpoch.of(OffsetDateTime.now().minusYears(3));
        QuarkusTransaction.requiringNew().run(() -> audit.recordEpochDestroyed(null, epoch));
        new ForumApiClient(TestUsers.admin("edda")).get("/api/audit?action=key_epoch_destroyed").statusCode(200)
                .body("entries.find { it.detail == '" + epoch.name() + "' }.actor", equalTo("scheduled purge"))
                .body("entries.find { it.detail == '" + epoch.name() + "' }.actorId", equalTo(null));
        assertThat(new PageSession(TestUsers.admin("edda")).page("/admin/audit?action=key_epoch_destroyed").text())
                .contains("scheduled purge").contains(epoch.name());
    }

    @Test
    void aCallWhoseKeyWentWithItsWeekBeforeItsPurgeSaysItIsErased() { // R19
        long call = open(PLANTED, DramaNumbers.mobile());
        // the purge skipped it (busy) but destroyed its week's keys: the foreign key left it without one
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("UPDATE calls SET data_key_id = NULL WHERE topic_id = " + call).executeUpdate());
        opener.get("/api/calls/" + call).statusCode(409).body("error", equalTo("call_erased"));
        opener.post("/api/calls/" + call + "/caller-phone", null).statusCode(409).body("error", equalTo("call_erased"));
        otherHelpliner.get("/api/calls/" + call).statusCode(200).body("caller.initial", equalTo("P"));
    }
}
