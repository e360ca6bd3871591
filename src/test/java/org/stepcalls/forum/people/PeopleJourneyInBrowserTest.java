package org.stepcalls.forum.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.platform.web.PhoneBrowser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two members talk on a phone: a mention each way, a like, a flag for personal details that hides
 * a post at once, and a coordinator who clears it from the review queue. Screenshots:
 * target/e2e-people/.
 */
@QuarkusTest
class PeopleJourneyInBrowserTest {

    private static final Path SHOTS = Path.of("target/e2e-people/mention-like-flag-review");

    @TestHTTPResource("/")
    URL base;

    @Test
    void twoMembersMentionLikeAndFlagAndACoordinatorReviews() throws Exception {
        String rowenaToken = TestUsers.member("rowena");
        String silasToken = TestUsers.member("silas");
        ForumApiClient rowena = new ForumApiClient(rowenaToken);
        String rowenaName = People.username(rowena);
        String silasName = People.username(new ForumApiClient(silasToken));
        long topic = rowena.createTopicId("general", "Lift to Saturday's workshop", "Anyone going from Headingley?");

        try (PhoneBrowser silas = PhoneBrowser.signedIn(silasToken, SHOTS)) {
            WebDriver page = silas.driver();
            page.get(base + "t/" + topic);
            page.findElement(By.id("body")).sendKeys("Count me in @" + rowenaName + ", I can meet you at the library.");
            silas.submit(By.cssSelector("form.reply button[type=submit]"));
            assertThat(page.findElement(By.cssSelector("a[href='/u/" + rowenaName + "']")).getText()).isEqualTo("@" + rowenaName);
            silas.screenshot("silas-replies-with-a-mention");
        }

        try (PhoneBrowser browser = PhoneBrowser.signedIn(rowenaToken, SHOTS)) {
            WebDriver page = browser.driver();
            page.get(base + "notifications");
            assertThat(page.findElement(By.cssSelector("ul.cards")).getText()).contains("@" + silasName + " mentioned you");
            browser.screenshot("rowena-is-notified");
            page.get(base + "t/" + topic);
            browser.submit(By.cssSelector("#post-" + People.postIds(rowena, topic).get(1) + " button[value=like]"));
            assertThat(page.findElement(By.cssSelector(".likes")).getText()).isEqualTo("1 like");
            page.findElement(By.id("body")).sendKeys("Great, thanks @" + silasName + "! If you get lost, my number ends 417.");
            browser.submit(By.cssSelector("form.reply button[type=submit]"));
            browser.screenshot("rowena-likes-and-replies");
        }
        long risky = People.postIds(rowena, topic).get(2);

        try (PhoneBrowser silas = PhoneBrowser.signedIn(silasToken, SHOTS)) {
            WebDriver page = silas.driver();
            page.get(base + "t/" + topic);
            silas.submit(By.cssSelector("#post-" + risky + " a[href$='/flag']"));
            silas.screenshot("flag-form");
            page.findElement(By.cssSelector("input[name=reason][value=personal_details]")).click();
            silas.submit(By.cssSelector("form.stacked button[type=submit]"));
            assertThat(page.findElement(By.cssSelector("#post-" + risky)).getText())
                    .contains("hidden while a coordinator reviews a flag").doesNotContain("417");
            silas.screenshot("flagged-post-hidden-at-once");
        }

        try (PhoneBrowser cordelia = PhoneBrowser.signedIn(TestUsers.coordinator("cordelia"), SHOTS)) {
            WebDriver page = cordelia.driver();
            page.get(base + "review");
            By item = By.xpath("//li[.//a[@href='/p/" + risky + "']]");
            assertThat(page.findElement(item).getText()).contains("Shows personal details").contains("417");
            cordelia.screenshot("review-queue");
            page.findElement(item).findElement(By.name("reason")).sendKeys("Part of a phone number");
            cordelia.submit(By.xpath("//li[.//a[@href='/p/" + risky + "']]//button[contains(., 'Agree')]"));
            assertThat(page.findElements(item)).isEmpty();
            cordelia.screenshot("review-queue-cleared");
        }

        try (PhoneBrowser silas = PhoneBrowser.signedIn(silasToken, SHOTS)) {
            WebDriver page = silas.driver();
            page.get(base + "u/" + rowenaName);
            assertThat(page.findElement(By.tagName("main")).getText()).contains("@" + rowenaName).doesNotContain("417");
            page.get(base + "t/" + topic);
            assertThat(page.findElement(By.cssSelector("#post-" + risky)).getText()).contains("hidden by a coordinator");
            silas.screenshot("rowenas-profile");
        }
    }
}
