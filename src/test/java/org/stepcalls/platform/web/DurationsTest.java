package org.stepcalls.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void retentionSettingsReadAsPeopleSayThem() {
        assertThat(Durations.spoken(Duration.parse("PT168H"))).isEqualTo("7 days");
        assertThat(Durations.spoken(Duration.parse("P30D"))).isEqualTo("30 days");
        assertThat(Durations.spoken(Duration.parse("PT36H"))).isEqualTo("1 day and 12 hours");
        assertThat(Durations.spoken(Duration.parse("P1DT2H5M"))).isEqualTo("1 day, 2 hours and 5 minutes");
        assertThat(Durations.spoken(Duration.ofSeconds(30))).isEqualTo("30 seconds");
    }

    @Test
    void intervalSettingsInEitherFormReadTheSame() {
        assertThat(Durations.spoken("15m")).isEqualTo("15 minutes");
        assertThat(Durations.spoken("1h")).isEqualTo("1 hour");
        assertThat(Durations.spoken("PT1H")).isEqualTo("1 hour");
        assertThat(Durations.spoken("off")).isEqualTo("off");
    }
}
