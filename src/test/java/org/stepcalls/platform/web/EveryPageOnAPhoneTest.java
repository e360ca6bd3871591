package org.stepcalls.platform.web;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Each role's pages in Chromium at 375×812, through {@link PageChecks}: no sideways scroll, every
 * control a 44×44 tap target, no serious or critical axe-core violation. The journeys cover the
 * flows; this covers the pages they do not pass through.
 */
@QuarkusTest
class EveryPageOnAPhoneTest {

    private static final Path SHOTS = Path.of("target/e2e-pages");

    @TestHTTPResource("/")
    URL base;

    @ParameterizedTest(name = "{0}''s pages")
    @CsvSource(delimiter = '|', value = {
            "member      | /, /search?q=meeting, /meetings, /outcomes, /volunteers/me, /notifications, /me/data, /u/pia",
            "helpliner   | /calls/new, /contacts, /c/helpliners, /new-topic",
            "coordinator | /volunteers, /volunteers/new, /volunteers/import, /meetings/new, /areas, /areas/{area}/edit, /areas/{area}/delete, /calls/overdue, /admin/purge, /review",
            "admin       | /admin/audit, /admin/purge, /areas, /admin/api-keys",
    })
    void fitsAPhone(String role, String paths) throws Exception {
        String area = String.valueOf(ListFixtures.area(ListFixtures.origin(), 0));
        String token = switch (role) {
            case "member" -> TestUsers.member("pia");
            case "helpliner" -> TestUsers.helpliner("pete");
            case "coordinator" -> TestUsers.coordinator("petra");
            default -> TestUsers.admin("paz");
        };
        try (PhoneBrowser browser = PhoneBrowser.signedIn(token, SHOTS.resolve(role))) {
            for (String path : List.of(paths.split(",\\s*"))) {
                String page = path.replace("{area}", area);
                browser.driver().get(base.toString().replaceAll("/$", "") + page);
                browser.screenshot(page.replaceAll("[^a-z0-9]+", "-"));
            }
        }
    }
}
