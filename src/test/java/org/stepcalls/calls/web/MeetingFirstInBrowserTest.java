package org.stepcalls.calls.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.platform.web.PhoneBrowser;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The meeting-first path on a phone (375×812): the intake's "could they get to a meeting?" gives the
 * nearest meetings to read out, with no contact's name or number (R4), and a reload counts nothing
 * twice; the meetings page searches by place and day. Screenshots: target/e2e-calls/meeting-first/.
 */
@QuarkusTest
class MeetingFirstInBrowserTest {

    private static final Path SHOTS = Path.of("target/e2e-calls/meeting-first");

    @TestHTTPResource("/")
    URL base;

    @Test
    void aHelplinerSendsACallerToTheNearestMeetingsAndSearchesTheMeetings() throws Exception {
        String origin = ListFixtures.origin();
        long here = ListFixtures.area(origin, 0);
        long near = ListFixtures.area(origin, 15);
        meeting("Lantern Group", near, "thursday", "Methodist church hall, side entrance");
        meeting("Harbour Group", here, "saturday", null);
        meeting("Morning Light Group", near, "saturday", null);

        try (PhoneBrowser helen = PhoneBrowser.signedIn(TestUsers.helpliner("hettie"), SHOTS)) {
            WebDriver page = helen.driver();
            page.get(base + "calls/new");
            helen.screenshot("intake-with-meeting-question");
            page.findElement(By.cssSelector("input[name=immediateDanger][value=no]")).click();
            page.findElement(By.cssSelector("input[name=requesterIsAddict][value=yes]")).click();
            page.findElement(By.cssSelector("input[name=prisonGateRequest][value=no]")).click();
            page.findElement(By.id("callerFirstName")).sendKeys("Ottoline"); // typed before the question: never kept
            new Select(page.findElement(By.id("referralAreaId"))).selectByValue(String.valueOf(here));
            helen.submit(By.id("refer"));
            assertThat(page.getCurrentUrl()).endsWith("/calls/referred?areaId=" + here).doesNotContain("Ottoline");
            List<String> read = page.findElements(By.cssSelector("ol.cards li strong")).stream().map(WebElement::getText).toList();
            assertThat(read).containsExactly("Harbour Group", "Lantern Group", "Morning Light Group");
            String text = page.findElement(By.tagName("main")).getText();
            assertThat(text).contains("Methodist church hall, side entrance").doesNotContain("contact Mo").doesNotContain("07700");
            helen.screenshot("meetings-to-read-out");

            page.get(base + "meetings");
            new Select(page.findElement(By.id("areaId"))).selectByValue(String.valueOf(here));
            new Select(page.findElement(By.id("weekday"))).selectByValue("saturday");
            helen.submit(By.xpath("//form[@aria-label='Find meetings']//button"));
            List<String> found = page.findElements(By.cssSelector("ul.cards li strong")).stream().map(WebElement::getText).toList();
            assertThat(found).containsExactly("Harbour Group", "Morning Light Group");
            assertThat(page.findElement(By.cssSelector("ul.cards")).getText()).contains("0.0 km").containsPattern("1[45]\\.\\d km");
            helen.screenshot("meetings-search-near-on-saturday");
        }
    }

    private static void meeting(String name, long area, String weekday, String venue) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "areaId", area, "weekday", weekday, "time", "19:30",
                "contactName", "Mo", "contactPhone", DramaNumbers.mobile()));
        if (venue != null) {
            body.put("venue", venue);
        }
        new ForumApiClient(ListFixtures.COORDINATOR).post("/api/meetings", body).statusCode(201);
    }
}
