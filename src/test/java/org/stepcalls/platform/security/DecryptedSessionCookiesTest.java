package org.stepcalls.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import org.junit.jupiter.api.Test;

/** Which session cookies may be remembered: one spelling per cookie. */
class DecryptedSessionCookiesTest {

    private static final String HEADER = b64("{\"alg\":\"A256GCMKW\",\"enc\":\"A256GCM\"}");
    private static final String COOKIE = HEADER + "." + b64("the wrapped key: 32 bytes of it!") + "."
            + b64("twelve bytes") + "." + b64("the tokens, encrypted") + "." + b64("sixteen byte tag");

    @Test
    void aCompactJweAsAnEncoderWritesItMayBeRemembered() {
        assertThat(DecryptedSessionCookies.canonical(COOKIE)).isTrue();
        assertThat(DecryptedSessionCookies.canonical(HEADER + ".." + b64("twelve bytes") + "." + b64("text") + "."
                + b64("sixteen byte tag"))).as("direct encryption: no wrapped key").isTrue();
    }

    @Test
    void otherSpellingsOfOneCookieAreNeverRemembered() {
        int tag = COOKIE.lastIndexOf('.');
        assertThat(DecryptedSessionCookies.canonical(COOKIE.substring(0, tag - 3) + "!" + COOKIE.substring(tag - 3)))
                .as("a stray character").isFalse();
        assertThat(DecryptedSessionCookies.canonical(COOKIE + "==")).as("padding").isFalse();
        String text = b64("sixteen byte tag"); // 16 bytes: the last character carries 4 unused bits
        char last = text.charAt(text.length() - 1);
        String unusedBitSet = text.substring(0, text.length() - 1) + (char) (last + 1);
        assertThat(Base64.getUrlDecoder().decode(unusedBitSet)).as("the same bytes").isEqualTo(Base64.getUrlDecoder().decode(text));
        assertThat(DecryptedSessionCookies.canonical(COOKIE.substring(0, tag + 1) + unusedBitSet)).as("an unused bit set").isFalse();
        assertThat(DecryptedSessionCookies.canonical(COOKIE.replace('-', '+').replace('_', '/') + "+/")).as("plain base64").isFalse();
        String[] parts = COOKIE.split("\\.");
        String resplit = String.join(".", parts[0], parts[1], parts[2], b64("the tokens, encrypted" + "s"), b64("ixteen byte tag"));
        assertThat(DecryptedSessionCookies.canonical(resplit)).as("a byte moved from the tag to the ciphertext").isFalse();
        assertThat(DecryptedSessionCookies.canonical(String.join(".", parts[0], parts[1], b64("thirteen byte"), parts[3], parts[4])))
                .as("another IV length").isFalse();
        assertThat(DecryptedSessionCookies.canonical(COOKIE.substring(0, tag))).as("four parts").isFalse();
        assertThat(DecryptedSessionCookies.canonical(COOKIE + "." + b64("x"))).as("six parts").isFalse();
        assertThat(DecryptedSessionCookies.canonical(null)).isFalse();
        assertThat(DecryptedSessionCookies.canonical("")).isFalse();
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
