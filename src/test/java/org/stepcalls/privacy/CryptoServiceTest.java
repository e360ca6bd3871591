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
        byte[] sealed = crypto.seal("+447700900123", Purpose.VOLUNTEER_PHONE);
        assertThat(crypto.open(sealed, Purpose.VOLUNTEER_PHONE)).isEqualTo("+447700900123");
        assertThatThrownBy(() -> crypto.open(sealed, Purpose.MEETING_CONTACT_PHONE)).isInstanceOf(IllegalStateException.class);
        String otherKey = Base64.getEncoder().encodeToString("another key, thirty-two bytes!!!".getBytes());
        CryptoService other = new CryptoService(new MasterKey(Optional.of(otherKey), "unused"));
        assertThatThrownBy(() -> other.open(sealed, Purpose.VOLUNTEER_PHONE)).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("7700");
    }

    @Test
    void tamperingIsDetectedAndEverySealIsFresh() {
        byte[] sealed = crypto.seal("+447700900123", Purpose.VOLUNTEER_PHONE);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> crypto.open(sealed, Purpose.VOLUNTEER_PHONE)).isInstanceOf(IllegalStateException.class);
        assertThat(crypto.seal("x", Purpose.VOLUNTEER_PHONE)).isNotEqualTo(crypto.seal("x", Purpose.VOLUNTEER_PHONE));
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
