package org.stepcalls.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The safety wording follows the helpline's configuration (plain unit test). */
class SafetyGuidanceTest {

    @Test
    void theEmergencyGuidanceNamesTheConfiguredNumbers() { // R18
        SafetyGuidance guidance = new SafetyGuidance(" 000 or 112 ", Optional.of("1831"));
        assertThat(guidance.emergency()).startsWith("EMERGENCY FIRST").contains("ring 000 or 112 now").doesNotContain("999");
    }

    @Test
    void theCallbackReminderNamesThePrefixOrThePhonesOwnSetting() { // R14
        assertThat(new SafetyGuidance("999 or 112", Optional.of("141")).withholdNumber()).contains("dial 141 before their number");
        SafetyGuidance none = new SafetyGuidance("999 or 112", Optional.empty());
        assertThat(none.withholdPrefix()).isEmpty();
        assertThat(none.withholdNumber()).contains("use your phone's setting").doesNotContain("dial");
    }
}
