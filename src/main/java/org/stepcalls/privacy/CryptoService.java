package org.stepcalls.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Encrypts personal data at rest with AES-256-GCM. Every value is bound, as associated data, to its
 * purpose and to the row that holds it ({@link Purpose#bind}), so a ciphertext copied to another
 * row or column does not open. Values sealed under the master key use keys derived (HKDF-SHA256)
 * from it, one per purpose; callers' details are sealed under their call's data key instead
 * ({@link DataKeys}), and data keys under the key of their epoch ({@link Keyring}). Also computes
 * keyed hashes (HMAC) that find duplicates without decrypting.
 */
@ApplicationScoped
public class CryptoService {

    /** Before key epochs: bound to the purpose only; read by {@link LegacyFormats} alone, to re-seal. */
    static final byte FORMAT_V1 = 1;
    /** Bound to purpose and row. */
    static final byte FORMAT_V2 = 2;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final byte[] masterKey;
    private final Map<Purpose, SecretKeySpec> sealKeys = new EnumMap<>(Purpose.class);
    private final Map<Purpose, SecretKeySpec> indexKeys = new EnumMap<>(Purpose.class);

    CryptoService(MasterKey masterKey) {
        this.masterKey = masterKey.bytes();
        for (Purpose purpose : Purpose.values()) {
            sealKeys.put(purpose, new SecretKeySpec(derive(("seal:" + purpose.name()).getBytes(StandardCharsets.UTF_8)), "AES"));
            indexKeys.put(purpose,
                    new SecretKeySpec(derive(("index:" + purpose.name()).getBytes(StandardCharsets.UTF_8)), "HmacSHA256"));
        }
    }

    /** {@code version | nonce | ciphertext+tag}, under the purpose's master-derived key, bound to {@code row}. */
    public byte[] seal(String plaintext, Purpose purpose, long row) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8), sealKeys.get(purpose), purpose.bind(row));
    }

    public String open(byte[] sealed, Purpose purpose, long row) {
        return new String(open(sealed, sealKeys.get(purpose), purpose.bind(row)), StandardCharsets.UTF_8);
    }

    /** Seals under a data key of its own (see {@link DataKeys}), not under the master key's derivations. */
    byte[] seal(String plaintext, byte[] dataKey, Purpose purpose, long row) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8), new SecretKeySpec(dataKey, "AES"), purpose.bind(row));
    }

    String open(byte[] sealed, byte[] dataKey, Purpose purpose, long row) {
        return new String(open(sealed, new SecretKeySpec(dataKey, "AES"), purpose.bind(row)), StandardCharsets.UTF_8);
    }

    byte[] newKey() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    /** A data key wrapped by its epoch's key, bound to the epoch. */
    byte[] wrap(byte[] dataKey, byte[] epochKey, KeyEpoch epoch) {
        return seal(dataKey, new SecretKeySpec(epochKey, "AES"), Purpose.DATA_KEY.bind(epoch.name()));
    }

    byte[] unwrap(byte[] wrapped, byte[] epochKey, KeyEpoch epoch) {
        return open(wrapped, new SecretKeySpec(epochKey, "AES"), Purpose.DATA_KEY.bind(epoch.name()));
    }

    /** An epoch key as its keyring file holds it: wrapped by the master key, bound to the epoch. */
    byte[] wrapEpochKey(byte[] epochKey, KeyEpoch epoch) {
        return seal(epochKey, sealKeys.get(Purpose.EPOCH_KEY), Purpose.EPOCH_KEY.bind(epoch.name()));
    }

    byte[] unwrapEpochKey(byte[] wrapped, KeyEpoch epoch) {
        return open(wrapped, sealKeys.get(Purpose.EPOCH_KEY), Purpose.EPOCH_KEY.bind(epoch.name()));
    }

    /** Opens a value in the format before key epochs (bound to the purpose only), to re-seal it. */
    byte[] openLegacy(byte[] sealed, byte[] dataKeyOrNull, Purpose purpose) {
        SecretKeySpec key = dataKeyOrNull == null ? sealKeys.get(purpose) : new SecretKeySpec(dataKeyOrNull, "AES");
        return open(sealed, FORMAT_V1, key, purpose.legacyLabel());
    }

    private byte[] seal(byte[] plaintext, SecretKeySpec key, byte[] associatedData) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT_V2).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    private byte[] open(byte[] sealed, SecretKeySpec key, byte[] associatedData) {
        return open(sealed, FORMAT_V2, key, associatedData);
    }

    /** Only the one format asked for: a value of the unbound v1 format never opens as a bound one. */
    private static byte[] open(byte[] sealed, byte format, SecretKeySpec key, byte[] associatedData) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != format) {
            throw new IllegalStateException("Not a value this service sealed");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Decryption failed: wrong key, wrong row or damaged value");
        }
    }

    /** A keyed hash: equal inputs give equal values, but the value reveals nothing without the key. */
    public byte[] blindIndex(String value, Purpose purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKeys.get(purpose));
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Hashing failed", e);
        }
    }

    /** HKDF-SHA256 (RFC 5869) with an empty salt, one 32-byte block. */
    private byte[] derive(byte[] info) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
            byte[] prk = mac.doFinal(masterKey);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(info);
            mac.update((byte) 1);
            return Arrays.copyOf(mac.doFinal(), 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Key derivation failed", e);
        }
    }

    /** What a sealed value is for; each purpose has its own key, and names the row its values are bound to. */
    public enum Purpose {
        /** Bound to volunteers.id. */
        VOLUNTEER_PHONE,
        /** Bound to meetings.id. */
        MEETING_CONTACT_PHONE,
        /** Wrapping per-call data keys under an epoch key; bound to the epoch. */
        DATA_KEY,
        /** Wrapping epoch keys in the keyring under the master key; bound to the epoch. */
        EPOCH_KEY,
        /** Caller details, sealed under their call's own data key; bound to calls.topic_id. */
        CALLER_NAME, CALLER_PHONE, CALL_NOTES,
        /** The notes of a call's templated post, under the call's data key; bound to call_records.post_id. */
        STEP_NOTES,
        /** Not sealed: the keyed hash that signs one-click unsubscribe links in e-mails (forum.UnsubscribeLinks). */
        UNSUBSCRIBE_LINK,
        /** A list number's display form, sealed beside it so a lookup never formats; bound to volunteers.id / meetings.id. */
        VOLUNTEER_PHONE_DISPLAY, MEETING_CONTACT_PHONE_DISPLAY,
        /** Not sealed: the keyed hash of a sign-in identity that counts its tries of listed numbers (volunteers.NumberTries). */
        SIGN_IN_IDENTITY;

        byte[] bind(long row) {
            return bind(Long.toString(row));
        }

        byte[] bind(String row) {
            return ("stepcalls:" + name() + ":" + row).getBytes(StandardCharsets.UTF_8);
        }

        byte[] legacyLabel() {
            return ("stepcalls:" + name()).getBytes(StandardCharsets.UTF_8);
        }
    }

    static byte[] decodeKey(String base64) {
        byte[] key = Base64.getDecoder().decode(base64.strip());
        if (key.length != 32) {
            throw new IllegalArgumentException("must be 32 bytes (256 bits), base64-encoded; got " + key.length + " bytes");
        }
        return key;
    }
}
