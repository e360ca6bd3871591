package org.stepcalls.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The purge interval is part of when an epoch key may go (R19): read it as the scheduler does. */
class PurgeIntervalTest {

    @Test
    void theSchedulersShorthandIsoDurationsAndOffAreUnderstood() {
        assertThat(CallPurge.interval("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(CallPurge.interval("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(CallPurge.interval("PT2S")).isEqualTo(Duration.ofSeconds(2));
        assertThat(CallPurge.interval("p1d")).isEqualTo(Duration.ofDays(1));
        assertThat(CallPurge.interval("off")).isZero();
    }
}
