package org.stepcalls.forum.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.stepcalls.FreshLetters;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.platform.web.PhoneBrowser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two members on their phones (375×812) answer each other: each sees the other's topic as new,
 * then "1 unread" after the other replies, and lands on the first unread post when they open it.
 */
@QuarkusTest
class UnreadMarkerInBrowserTest {

    private static final Path SHOTS = Path.of("target/e2e-reading");

    @TestHTTPResource("/")
    URL base;

    @Test
    void theUnreadMarkerMovesAsTwoMembersReplyToEachOther() throws Exception {
        String suffix = FreshLetters.of(6);
        try (PhoneBrowser mia = PhoneBrowser.signedIn(TestUsers.member("Mia " + suffix), SHOTS);
                PhoneBrowser tom = PhoneBrowser.signedIn(TestUsers.member("Tom " + suffix), SHOTS)) {
            tom.driver().get(base + "c/general"); // Tom joins before the topic exists
            String title = "Lift share to the Sunday meeting " + suffix;

            WebDriver miaPage = mia.driver();
            miaPage.get(base + "new-topic?category=general");
            miaPage.findElement(By.id("title")).sendKeys(title);
            miaPage.findElement(By.id("body")).sendKeys("I drive past the **station** at 18:40. Anyone?");
            mia.submit(By.xpath("//button[text()='Preview']"));
            assertThat(miaPage.findElement(By.cssSelector(".preview strong")).getText()).isEqualTo("station");
            mia.screenshot("mia-previews-her-topic");
            mia.submit(By.xpath("//button[text()='Start topic']"));
            String topicUrl = miaPage.getCurrentUrl().replaceAll("[?#].*", "");

            WebDriver tomPage = tom.driver();
            tomPage.get(base + "c/general");
            assertThat(tags(tomPage, title)).containsExactly("New");
            tom.screenshot("tom-sees-a-new-topic");
            tom.submit(By.linkText(title));
            tomPage.findElement(By.id("body")).sendKeys("Yes please, I'll be at the station.");
            tom.submit(By.xpath("//button[text()='Reply']"));

            miaPage.get(base + "c/general");
            assertThat(tags(miaPage, title)).containsExactly("1 unread");
            mia.screenshot("mia-sees-one-unread");
            mia.submit(By.linkText(title));
            assertThat(miaPage.getCurrentUrl()).endsWith("#unread");
            assertThat(miaPage.findElement(By.id("unread")).findElement(By.xpath("..")).getText())
                    .contains("Yes please, I'll be at the station.");
            mia.screenshot("mia-opens-at-toms-reply");
            miaPage.findElement(By.id("body")).sendKeys("See you at 18:40.");
            mia.submit(By.xpath("//button[text()='Reply']"));

            miaPage.get(base + "c/general");
            assertThat(tags(miaPage, title)).isEmpty();
            tomPage.get(base + "c/general");
            assertThat(tags(tomPage, title)).containsExactly("1 unread");
            tom.screenshot("tom-sees-one-unread");
            tom.submit(By.linkText(title));
            assertThat(tomPage.findElement(By.id("unread")).findElement(By.xpath("..")).getText()).contains("See you at 18:40.");
            tomPage.get(base + "c/general");
            assertThat(tags(tomPage, title)).isEmpty();
            assertThat(topicUrl).contains("/t/");
            tom.screenshot("tom-has-read-everything");
        }
    }

    /** The New / unread tags beside a topic in the list. */
    private static List<String> tags(WebDriver page, String title) {
        WebElement row = page.findElement(By.linkText(title)).findElement(By.xpath("./ancestor::li"));
        return row.findElements(By.cssSelector(".tag.new, .tag.unread")).stream().map(WebElement::getText).toList();
    }
}
