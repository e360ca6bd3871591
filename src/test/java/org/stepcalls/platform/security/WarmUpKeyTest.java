package org.stepcalls.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The warm-up key is nobody's only way in over HTTP: one random key, until it is retired. */
class WarmUpKeyTest {

    @Test
    void onlyTheOpenedKeyIsAcceptedAndNoneOnceRetired() {
        Nobody nobody = new Nobody();
        assertThat(nobody.isWarmUpKey("")).as("no key before the warm-up opens one").isFalse();

        String key = nobody.openWarmUpKey(Duration.ofMinutes(1));
        assertThat(key).hasSizeGreaterThanOrEqualTo(43); // 32 random bytes
        assertThat(new Nobody().openWarmUpKey(Duration.ofMinutes(1))).as("each process its own").isNotEqualTo(key);
        assertThatThrownBy(() -> nobody.openWarmUpKey(Duration.ofMinutes(1))).as("handed out once").isInstanceOf(IllegalStateException.class);
        assertThat(nobody.isWarmUpKey(key)).isTrue();
        assertThat(nobody.isWarmUpKey(key.substring(1))).isFalse();
        assertThat(nobody.isWarmUpKey(null)).isFalse();

        nobody.retireWarmUpKey();
        assertThat(nobody.isWarmUpKey(key)).isFalse();
        assertThat(nobody.isWarmUpKeyLive()).isFalse();
    }

    @Test
    void theKeyExpiresOnItsOwnEvenIfNeverRetired() throws InterruptedException {
        Nobody nobody = new Nobody();
        String key = nobody.openWarmUpKey(Duration.ofMillis(200));
        assertThat(nobody.isWarmUpKey(key)).isTrue();
        Thread.sleep(300);
        assertThat(nobody.isWarmUpKey(key)).isFalse();
    }
}
