package org.stepcalls.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.LaunchMode;

class DevProviderTest {

    @Test
    void devModeRestartsKeepTheDemoUsersAccounts() {
        // the dev provider's issuer after two dev-mode starts: one account key for both
        assertThat(DevProvider.stableIssuer("http://localhost:41877", LaunchMode.DEVELOPMENT))
                .isEqualTo(DevProvider.stableIssuer("http://localhost:36011", LaunchMode.DEVELOPMENT));
    }

    @Test
    void outsideDevModeTheIssuerIsTakenAsTheTokenGivesIt() {
        assertThat(DevProvider.stableIssuer("http://localhost:41877", LaunchMode.NORMAL)).isEqualTo("http://localhost:41877");
        assertThat(DevProvider.stableIssuer("http://localhost:41877", LaunchMode.TEST)).isEqualTo("http://localhost:41877");
    }

    @Test
    void aRealProviderIsNeverFoldedEvenInDevMode() {
        assertThat(DevProvider.stableIssuer("https://sso.example.org/realms/stepcalls", LaunchMode.DEVELOPMENT))
                .isEqualTo("https://sso.example.org/realms/stepcalls");
        assertThat(DevProvider.stableIssuer("http://localhost:8180/realms/stepcalls", LaunchMode.DEVELOPMENT))
                .isEqualTo("http://localhost:8180/realms/stepcalls");
    }
}
