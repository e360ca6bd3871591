package org.stepcalls.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.stepcalls.privacy.CryptoService.Purpose;

class CryptoServiceTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private final CryptoService crypto = new CryptoService(new MasterKey(Optional.of(KEY), "unused"));

    @Test
    void sealedNumbersOpenOnlyForTheirPurposeAndUnderTheirKey() {
        byte[] sealed = crypto.seal("+447700900123", Purpose.VOLUNTEER_PHONE, 7);
        assertThat(crypto.open(sealed, Purpose.VOLUNTEER_PHONE, 7)).isEqualTo("+447700900123");
        assertThatThrownBy(() -> crypto.open(sealed, Purpose.MEETING_CONTACT_PHONE, 7)).isInstanceOf(IllegalStateException.class);
        String otherKey = Base64.getEncoder().encodeToString("another key, thirty-two bytes!!!".getBytes());
        CryptoService other = new CryptoService(new MasterKey(Optional.of(otherKey), "unused"));
        assertThatThrownBy(() -> other.open(sealed, Purpose.VOLUNTEER_PHONE, 7)).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("7700");
    }

    @Test
    void tamperingIsDetectedAndEverySealIsFresh() {
        byte[] sealed = crypto.seal("+447700900123", Purpose.VOLUNTEER_PHONE, 7);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> crypto.open(sealed, Purpose.VOLUNTEER_PHONE, 7)).isInstanceOf(IllegalStateException.class);
        assertThat(crypto.seal("x", Purpose.VOLUNTEER_PHONE, 7)).isNotEqualTo(crypto.seal("x", Purpose.VOLUNTEER_PHONE, 7));
    }

    @Test
    void aValueMovedToAnotherRowDoesNotOpen() { // R16: a number copied into another volunteer's row stays sealed
        byte[] sealed = crypto.seal("+447700900123", Purpose.VOLUNTEER_PHONE, 7);
        assertThatThrownBy(() -> crypto.open(sealed, Purpose.VOLUNTEER_PHONE, 8)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wrong row");
        byte[] dataKey = crypto.newKey();
        byte[] notes = crypto.seal("lives above the chemist", dataKey, Purpose.CALL_NOTES, 41);
        assertThatThrownBy(() -> crypto.open(notes, dataKey, Purpose.CALL_NOTES, 42)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> crypto.open(notes, dataKey, Purpose.STEP_NOTES, 41)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void valuesOfTheFormatBeforeRowBindingOnlyOpenToBeResealed() {
        byte[] legacy = LegacySeal.seal(new byte[32], "+447700900123", Purpose.VOLUNTEER_PHONE);
        assertThatThrownBy(() -> crypto.open(legacy, Purpose.VOLUNTEER_PHONE, 7)).isInstanceOf(IllegalStateException.class);
        assertThat(new String(crypto.openLegacy(legacy, null, Purpose.VOLUNTEER_PHONE))).isEqualTo("+447700900123");
    }

    @Test
    void blindIndexesMatchForEqualNumbersOnly() {
        assertThat(crypto.blindIndex("+447700900123", Purpose.VOLUNTEER_PHONE))
                .isEqualTo(crypto.blindIndex("+447700900123", Purpose.VOLUNTEER_PHONE))
                .isNotEqualTo(crypto.blindIndex("+447700900124", Purpose.VOLUNTEER_PHONE))
                .isNotEqualTo(crypto.blindIndex("+447700900123", Purpose.MEETING_CONTACT_PHONE));
    }

    @Test
    void productionRefusesToStartWithoutAMasterKey() { // outside Quarkus the launch mode is NORMAL (prod)
        assertThatThrownBy(() -> new MasterKey(Optional.empty(), "unused"))
                .hasMessageContaining("STEPCALLS_MASTER_KEY is not set");
        assertThatThrownBy(() -> new MasterKey(Optional.of("dG9vIHNob3J0"), "unused"))
                .hasMessageContaining("STEPCALLS_MASTER_KEY is not usable").hasMessageContaining("32 bytes");
    }
}
