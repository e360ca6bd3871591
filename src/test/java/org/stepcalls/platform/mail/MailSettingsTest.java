package org.stepcalls.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.LaunchMode;

/** When the app sends e-mail, and the start that fails when links would point nowhere. */
class MailSettingsTest {

    @Test
    void productionSendsOnlyWhenAnSmtpHostIsSet() {
        assertThat(MailSettings.sends(LaunchMode.NORMAL, Optional.empty())).isFalse();
        assertThat(MailSettings.sends(LaunchMode.NORMAL, Optional.of(" "))).isFalse();
        assertThat(MailSettings.sends(LaunchMode.NORMAL, Optional.of("smtp.example.org"))).isTrue();
        assertThat(MailSettings.sends(LaunchMode.DEVELOPMENT, Optional.empty())).isTrue();
    }

    @Test
    void aMailerHostWithoutAPublicUrlFailsTheStartSayingWhatToSet() {
        assertThatThrownBy(() -> new MailSettings(Optional.of("smtp.example.org"), Optional.empty(),
                Optional.of("NA Helpline <helpline@example.org>"), 8080, 8081))
                .hasMessageContaining("STEPCALLS_PUBLIC_URL");
    }

    @Test
    void aMailerHostWithoutASenderAddressFailsTheStart() {
        assertThatThrownBy(() -> new MailSettings(Optional.of("smtp.example.org"), Optional.of("https://forum.example.org"),
                Optional.empty(), 8080, 8081)).hasMessageContaining("QUARKUS_MAILER_FROM");
    }

    @Test
    void linksUseThePublicAddress() {
        MailSettings settings = new MailSettings(Optional.of("smtp.example.org"), Optional.of("https://forum.example.org/"),
                Optional.of("helpline@example.org"), 8080, 8081);
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.link("/calls/12")).isEqualTo("https://forum.example.org/calls/12");
    }

    @Test
    void withoutAHostProductionStartsAndSendsNothing() {
        assertThat(new MailSettings(Optional.empty(), Optional.empty(), Optional.empty(), 8080, 8081).enabled()).isFalse();
    }

    @Test
    void thePlantedCallerIsFoundHoweverTheNumberIsSpaced() {
        assertThat(PlantedCaller.foundIn("Ring 07700 900713 now")).containsExactly("a phone number");
        assertThat(PlantedCaller.foundIn("Ring 07700-900-713")).containsExactly("a phone number");
        assertThat(PlantedCaller.foundIn("+44 7700 900713")).containsExactly("a phone number");
        assertThat(PlantedCaller.foundIn("zephyrine said the spare key under the Blue Flowerpot")).hasSize(2);
        assertThat(PlantedCaller.foundIn("Call 1002 (Leeds area) has had no update for 24 h, 01/12/2026 19:30")).isEmpty();
    }
}
