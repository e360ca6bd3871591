package org.stepcalls.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyring outside the database (R16, R19): one key per epoch, owner-only, shared safely by instances. */
class KeyringTest {

    private static final KeyEpoch EPOCH = KeyEpoch.of(OffsetDateTime.parse("2026-11-18T10:00:00Z"));

    private final CryptoService crypto = new CryptoService(new MasterKey(Optional.of(key(1)), "unused"));

    @TempDir
    Path dir;

    @Test
    void instancesSharingTheDirectoryNeverMakeTwoKeysForOneEpoch() throws Exception {
        List<Keyring> instances = List.of(keyring(crypto), keyring(crypto), keyring(crypto), keyring(crypto));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                KeyEpoch epoch = new KeyEpoch(2025, round + 1);
                List<Callable<byte[]>> racers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Keyring instance = instances.get(i % instances.size());
                    racers.add(() -> instance.keyFor(epoch));
                }
                List<String> keys = new ArrayList<>();
                for (Future<byte[]> key : pool.invokeAll(racers)) {
                    keys.add(Base64.getEncoder().encodeToString(key.get()));
                }
                assertThat(keys).as("epoch %s", epoch).containsOnly(keys.get(0));
            }
        } finally {
            pool.shutdownNow();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).hasSize(20) // no temporary file left
                    .allMatch(n -> n.matches("2025-W\\d{2}\\.key"));
        }
    }

    @Test
    void keysAreForTheOwnerAloneAndWrappedByTheMasterKey() throws Exception {
        Keyring keyring = keyring(crypto);
        byte[] key = keyring.keyFor(EPOCH);
        Path file = dir.resolve("2026-W47.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).doesNotContain(Base64.getEncoder().encodeToString(key));
        assertThat(keyring.existing(EPOCH)).isEqualTo(key);
        assertThat(keyring.epochs()).containsExactly(EPOCH);
    }

    @Test
    void aDestroyedOrForeignKeyIsAClearErrorAndNeverSilentlyReplaced() {
        Keyring keyring = keyring(crypto);
        keyring.keyFor(EPOCH);
        Keyring otherMaster = keyring(new CryptoService(new MasterKey(Optional.of(key(2)), "unused")));
        assertThatThrownBy(() -> otherMaster.existing(EPOCH)).isInstanceOf(EpochKeyMissing.class)
                .hasMessageContaining("(2026-W47) is missing from the keyring or does not open with this master key");

        assertThat(keyring.destroy(EPOCH)).isTrue();

        assertThatThrownBy(() -> keyring.existing(EPOCH)).isInstanceOf(EpochKeyMissing.class);
        assertThat(keyring.epochs()).isEmpty();
        assertThat(keyring.destroy(EPOCH)).isFalse();
    }

    @Test
    void aCopyLeftByACrashWhileCreatingAKeyGoesWithTheKey() throws Exception { // R16, R19
        Keyring keyring = keyring(crypto);
        keyring.keyFor(EPOCH);
        // a crash between linking the key into place and deleting its temporary file leaves a second copy
        Path leftover = dir.resolve(".2026-W47-123456.tmp");
        Files.copy(dir.resolve("2026-W47.key"), leftover);
        Path otherWeeks = dir.resolve(".2026-W48-123456.tmp");
        Files.writeString(otherWeeks, "being created by another instance");

        keyring.destroy(EPOCH);

        assertThat(leftover).doesNotExist();
        assertThat(otherWeeks).exists();
    }

    @Test
    void theKeyringMayNotLiveInsideTheDatabasesDataDirectory() {
        assertThatThrownBy(() -> new Keyring(crypto, Optional.of(dir.resolve("db/keyring").toString()),
                Optional.of(dir.resolve("db").toString()))).hasMessageContaining("inside STEPCALLS_DATA_DIR");
    }

    @Test
    void epochsAreIsoWeeksInUtc() {
        // Sunday evening at UTC-2 is already Monday in UTC: the next week
        assertThat(KeyEpoch.of(OffsetDateTime.parse("2026-11-29T23:30:00-02:00")).name()).isEqualTo("2026-W49");
        assertThat(KeyEpoch.of(OffsetDateTime.parse("2026-11-29T23:59:59Z")).end())
                .isEqualTo(OffsetDateTime.parse("2026-11-30T00:00:00Z"));
        assertThat(KeyEpoch.parse("2025-W53")).isEmpty(); // 2025 has 52 ISO weeks, 2026 has 53
        assertThat(KeyEpoch.parse("2026-W53")).contains(new KeyEpoch(2026, 53));
        assertThat(KeyEpoch.parse("2026-W49")).contains(new KeyEpoch(2026, 49));
    }

    private Keyring keyring(CryptoService service) {
        return new Keyring(service, Optional.of(dir.toString()), Optional.empty());
    }

    private static String key(int fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) fill);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
