package org.stepcalls.privacy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.stepcalls.privacy.CryptoService.Purpose;

/**
 * Someone holding an old copy of the database, the master key and whatever the keyring holds now:
 * tries every key they can get at on every ciphertext, in the row-bound format and in the old one.
 */
public final class BackupAttacker {

    /** A data_keys row as the copy holds it. */
    public record CopiedKey(long id, byte[] wrapped, String epoch) {
    }

    private final CryptoService crypto;
    private final Keyring keyring;

    public BackupAttacker(CryptoService crypto, Keyring keyring) {
        this.crypto = crypto;
        this.keyring = keyring;
    }

    /** Every epoch key the keyring still gives up (each file unwrapped with the master key). */
    public List<byte[]> epochKeys() {
        List<byte[]> keys = new ArrayList<>();
        for (KeyEpoch epoch : keyring.epochs()) {
            keys.add(keyring.existing(epoch));
        }
        return keys;
    }

    /** Each copied data key that opens, with the master key directly or with any epoch key still in the keyring. */
    public List<byte[]> dataKeysThatOpen(List<CopiedKey> copied) {
        List<byte[]> opened = new ArrayList<>();
        List<KeyEpoch> epochs = keyring.epochs();
        List<byte[]> epochKeys = epochKeys();
        for (CopiedKey key : copied) {
            attempt(() -> crypto.openLegacy(key.wrapped(), null, Purpose.DATA_KEY)).ifPresent(opened::add);
            for (byte[] epochKey : epochKeys) {
                List<KeyEpoch> bindings = new ArrayList<>(epochs);
                KeyEpoch.parse(key.epoch() == null ? "" : key.epoch()).ifPresent(bindings::add);
                for (KeyEpoch binding : bindings) {
                    attempt(() -> crypto.unwrap(key.wrapped(), epochKey, binding)).ifPresent(opened::add);
                }
            }
        }
        return opened;
    }

    /** The plaintext, if any key at hand opens the value bound to its own row (or in the old unbound format). */
    public Optional<String> open(byte[] sealed, Purpose purpose, long row, List<byte[]> dataKeys) {
        List<byte[]> keys = new ArrayList<>(dataKeys);
        keys.addAll(epochKeys());
        Optional<byte[]> plain = attempt(() -> crypto.openLegacy(sealed, null, purpose));
        for (byte[] key : keys) {
            if (plain.isEmpty()) {
                plain = attempt(() -> crypto.open(sealed, key, purpose, row).getBytes(StandardCharsets.UTF_8));
            }
            if (plain.isEmpty()) {
                plain = attempt(() -> crypto.openLegacy(sealed, key, purpose));
            }
        }
        if (plain.isEmpty()) {
            plain = attempt(() -> crypto.open(sealed, purpose, row).getBytes(StandardCharsets.UTF_8));
        }
        return plain.map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    private static Optional<byte[]> attempt(java.util.function.Supplier<byte[]> open) {
        try {
            return Optional.of(open.get());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
