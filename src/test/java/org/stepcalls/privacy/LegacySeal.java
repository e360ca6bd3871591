package org.stepcalls.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.stepcalls.privacy.CryptoService.Purpose;

/**
 * The sealing format before key epochs, written out independently of {@link CryptoService}: AES-GCM
 * bound to the purpose only ({@code "stepcalls:" + purpose}), format byte 1, data keys wrapped
 * directly by the master key. Tests use it to lay down data as a deployed forum holds it.
 */
public final class LegacySeal {

    private LegacySeal() {
    }

    /** A value under the master key's derivation for its purpose. */
    public static byte[] seal(byte[] masterKey, String plaintext, Purpose purpose) {
        return sealUnder(derive(masterKey, "seal:" + purpose.name()), plaintext.getBytes(StandardCharsets.UTF_8), purpose);
    }

    /** A value under a call's data key. */
    public static byte[] sealUnderDataKey(byte[] dataKey, String plaintext, Purpose purpose) {
        return sealUnder(dataKey, plaintext.getBytes(StandardCharsets.UTF_8), purpose);
    }

    /** A data key as the data_keys table held it: wrapped by the master key. */
    public static byte[] wrap(byte[] masterKey, byte[] dataKey) {
        return sealUnder(derive(masterKey, "seal:" + Purpose.DATA_KEY.name()), dataKey, Purpose.DATA_KEY);
    }

    public static byte[] masterKeyOf(MasterKey masterKey) {
        return masterKey.bytes();
    }

    private static byte[] sealUnder(byte[] key, byte[] plaintext, Purpose purpose) {
        try {
            byte[] nonce = new byte[12];
            new SecureRandom().nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(("stepcalls:" + purpose.name()).getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + 12 + sealed.length).put((byte) 1).put(nonce).put(sealed).array();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] derive(byte[] masterKey, String info) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
            byte[] prk = mac.doFinal(masterKey);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(info.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 1);
            return Arrays.copyOf(mac.doFinal(), 32);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
