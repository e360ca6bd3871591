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
 * Encrypts personal data at rest: AES-256-GCM under keys derived (HKDF-SHA256) from the master
 * key, one per purpose, so a value sealed for one purpose cannot be opened as another. Also
 * computes keyed hashes (HMAC) that find duplicates without decrypting.
 */
@ApplicationScoped
public class CryptoService {

    private static final byte FORMAT_V1 = 1;
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

    /** {@code version | nonce | ciphertext+tag}; the purpose is bound in as associated data. */
    public byte[] seal(String plaintext, Purpose purpose) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8), sealKeys.get(purpose), purpose);
    }

    public String open(byte[] sealed, Purpose purpose) {
        return new String(open(sealed, sealKeys.get(purpose), purpose), StandardCharsets.UTF_8);
    }

    /** Seals under a data key of its own (see {@link DataKeys}), not under the master key's derivations. */
    byte[] seal(String plaintext, byte[] dataKey, Purpose purpose) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8), new SecretKeySpec(dataKey, "AES"), purpose);
    }

    String open(byte[] sealed, byte[] dataKey, Purpose purpose) {
        return new String(open(sealed, new SecretKeySpec(dataKey, "AES"), purpose), StandardCharsets.UTF_8);
    }

    byte[] newDataKey() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    byte[] wrap(byte[] dataKey) {
        return seal(dataKey, sealKeys.get(Purpose.DATA_KEY), Purpose.DATA_KEY);
    }

    byte[] unwrap(byte[] wrapped) {
        return open(wrapped, sealKeys.get(Purpose.DATA_KEY), Purpose.DATA_KEY);
    }

    private byte[] seal(byte[] plaintext, SecretKeySpec key, Purpose purpose) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.label());
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT_V1).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    private byte[] open(byte[] sealed, SecretKeySpec key, Purpose purpose) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT_V1) {
            throw new IllegalStateException("Not a value this service sealed");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(purpose.label());
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Decryption failed: wrong key or damaged value");
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

    /** What a sealed value is for; each purpose has its own key. */
    public enum Purpose {
        VOLUNTEER_PHONE, MEETING_CONTACT_PHONE,
        /** Wrapping per-record data keys. */
        DATA_KEY,
        /** Caller details, sealed under their call's own data key. */
        CALLER_NAME, CALLER_PHONE, CALL_NOTES;

        byte[] label() {
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
