package org.stepcalls.discourse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.stepcalls.FreshLetters;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.platform.web.PhoneBrowser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** An admin creates an API key on a phone: the key, shown once, must be readable and copyable there. */
@QuarkusTest
class ApiKeyPagesOnAPhoneTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aNewKeyWrapsOnAPhoneInsteadOfRunningOffTheScreen() throws Exception {
        try (PhoneBrowser alice = PhoneBrowser.signedIn(TestUsers.admin("alys" + FreshLetters.of(6)),
                Path.of("target/e2e-pages/api-keys"))) {
            alice.driver().get(base + "admin/api-keys");
            alice.driver().findElement(By.id("description")).sendKeys("Meeting list sync");
            alice.submit(By.xpath("//button[text()='Create key']"));
            assertThat(alice.driver().findElement(By.cssSelector("code.secret")).getText().replaceAll("\\s", "")).hasSize(64);
            alice.screenshot("key-created"); // fails on a sideways scroll (PageChecks)
        }
    }
}
