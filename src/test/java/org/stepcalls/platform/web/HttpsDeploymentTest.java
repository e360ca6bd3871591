package org.stepcalls.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpsDeploymentTest {

    @ParameterizedTest
    @ValueSource(strings = { "https://stepcalls.example.org", "HTTPS://stepcalls.example.org/", " https://example.org:8443/forum " })
    void anHttpsAddressMakesEveryCookieSecureAndTrustsTheProxy(String publicUrl) {
        assertThat(HttpsDeployment.isHttps(publicUrl)).isTrue();
        assertThat(HttpsDeployment.settings(publicUrl))
                .containsEntry("quarkus.oidc.authentication.cookie-force-secure", "true")
                .containsEntry("quarkus.oidc.authentication.force-redirect-https-scheme", "true")
                .containsEntry("quarkus.rest-csrf.cookie-force-secure", "true")
                .containsEntry("quarkus.http.proxy.proxy-address-forwarding", "true")
                .containsEntry("quarkus.http.proxy.allow-x-forwarded", "true");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "http://localhost:8080", "http://stepcalls.example.org", "https://", "stepcalls.example.org",
            "https:stepcalls", "not a url at all" })
    void anythingElseChangesNothing(String publicUrl) {
        assertThat(HttpsDeployment.isHttps(publicUrl)).isFalse();
        assertThat(HttpsDeployment.settings(publicUrl)).isEmpty();
    }
}
