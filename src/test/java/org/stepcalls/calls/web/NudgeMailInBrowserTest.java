package org.stepcalls.calls.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.stepcalls.calls.api.CallFixtures;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.mail.MailSender;
import org.stepcalls.platform.mail.Mailbox;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.platform.web.PhoneBrowser;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * R15 by e-mail, in a real browser at phone size: a coordinator nudges from the call's page, the
 * opener's e-mail arrives, and its link opens the call — after signing in, not before.
 * Screenshots: target/e2e-calls/nudge-mail/.
 */
@QuarkusTest
class NudgeMailInBrowserTest {

    private static final Path SHOTS = Path.of("target/e2e-calls/nudge-mail");
    private static final Pattern CALL_LINK = Pattern.compile("http://localhost:8081/calls/\\d+");

    @TestHTTPResource("/")
    URL base;

    @Inject
    MailSender sender;

    @Inject
    EntityManager entityManager;

    @Test
    void aCoordinatorsNudgeReachesTheOpenerByMailAndItsLinkOpensTheCall() throws Exception {
        PhoneBrowser.requireChromium();
        String opener = "nadia" + System.nanoTime() % 100_000;
        String openerToken = TestUsers.helpliner(opener);
        long call = new ForumApiClient(openerToken)
                .post("/api/calls", CallFixtures.intake(ListFixtures.area(ListFixtures.origin(), 0))).statusCode(201)
                .extract().jsonPath().getLong("topicId");
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "UPDATE calls SET last_opener_activity_at = now() - interval '25 hours' WHERE topic_id = ?1")
                .setParameter(1, call).executeUpdate());

        try (PhoneBrowser coordinator = PhoneBrowser.signedIn(TestUsers.coordinator("nigel"), SHOTS)) {
            coordinator.driver().get(base + "calls/" + call);
            coordinator.submit(By.cssSelector("form[action='/calls/" + call + "/nudge'] button"));
            assertThat(coordinator.driver().getPageSource()).contains("Last nudged");
            coordinator.screenshot("coordinator-nudged");
        }
        sender.sendDue(); // what the scheduled sender does every few seconds

        List<Mailbox.Received> mails = Mailbox.to(TestUsers.email(opener));
        assertThat(mails).hasSize(1);
        Matcher link = CALL_LINK.matcher(mails.get(0).text());
        assertThat(link.find()).isTrue();
        String callLink = link.group();
        assertThat(callLink).endsWith("/calls/" + call);

        try (PhoneBrowser browser = PhoneBrowser.signedIn(openerToken, SHOTS)) {
            WebDriver page = browser.driver();
            signOut(browser);
            page.get(callLink);
            String provider = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
            assertThat(page.getCurrentUrl()).as("signed out, the link asks for sign-in first")
                    .startsWith(provider.substring(0, provider.indexOf('/', "http://".length())));

            signIn(browser, openerToken);
            page.get(callLink);
            assertThat(page.getCurrentUrl()).isEqualTo(callLink);
            assertThat(page.findElement(By.tagName("h1")).getText()).contains("Call");
            assertThat(page.getPageSource()).contains("Show number"); // the opener's own call page
            browser.screenshot("opener-opened-the-link");
        }
    }

    /** The browser stops sending the bearer token: a visitor who is not signed in. */
    private static void signOut(PhoneBrowser browser) {
        browser.driver().executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
    }

    /** Signing in, as the other browser tests do it: the provider's token on every request. */
    private static void signIn(PhoneBrowser browser, String token) {
        browser.driver().executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", TestUsers.bearer(token))));
    }
}
