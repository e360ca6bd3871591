package org.stepcalls.calls.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
 * A helpliner's whole evening on a 375×812 phone, every action through the pages: a caller sent to
 * the nearest meetings at intake, a visit request worked from the next step to the close (a relapse
 * found on the first attempt, a vouched-for partner, a report back, the number called back withheld),
 * then the coordinator settling the relapse at /tasks. Only the list and its meetings are seeded.
 * Every screenshot runs PageChecks. Screenshots: target/e2e/evening/.
 */
@QuarkusTest
class HelplinerEveningInBrowserTest {

    private static final Path SHOTS = Path.of("target/e2e/evening");

    @TestHTTPResource("/")
    URL base;

    @Test
    void aHelplinersEveningFromTheFirstCallToTheCoordinatorsTasks() throws Exception {
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        long relapsed = ListFixtures.addId(ListFixtures.volunteer("Rhonwen", "female", area));
        long accepts = ListFixtures.addId(ListFixtures.volunteer("Marged", "female", area));
        meeting("Lamplight Group", area, "Quaker meeting house, back door");
        String number = DramaNumbers.mobile();

        try (PhoneBrowser helen = PhoneBrowser.signedIn(TestUsers.helpliner("hafwen"), SHOTS.resolve("helpliner"))) {
            WebDriver page = helen.driver();
            callerGoesToAMeetingUnderTheirOwnSteam(helen, area);
            long call = openAVisitRequest(helen, area, number);

            assertThat(nextStep(page)).startsWith("Next step: Find someone to help");
            assertThat(page.findElement(By.cssSelector("#next-step .notice")).getText())
                    .startsWith("Tell the caller you will call them back soon");
            helen.screenshot("next-step-find-someone");
            new Select(page.findElement(By.id("contact"))).selectByValue("v:" + relapsed);
            page.findElement(By.cssSelector("input[name=result][value=not_eligible]")).click();
            page.findElement(By.cssSelector("input[name=reason][value=relapsed]")).click();
            helen.submit(By.xpath("//button[text()='Log attempt']"));
            assertThat(page.findElements(By.cssSelector("#contact option[value='v:" + relapsed + "']")))
                    .as("a relapsed volunteer is no longer offered (R6)").isEmpty();
            assertThat(page.findElements(By.cssSelector("#partnerVolunteerId option[value='" + relapsed + "']"))).isEmpty();
            helen.screenshot("relapse-logged-no-longer-offered");

            new Select(page.findElement(By.id("contact"))).selectByValue("v:" + accepts);
            page.findElement(By.cssSelector("input[name=result][value=accepted]")).click();
            page.findElement(By.name("cleanTime")).click();
            page.findElement(By.name("willing")).click();
            page.findElement(By.name("knowsGuidelines")).click();
            new Select(page.findElement(By.id("acceptedFor"))).selectByValue("visit");
            page.findElement(By.id("partnerFirstName")).sendKeys("Eluned");
            page.findElement(By.name("vouched")).click();
            helen.submit(By.xpath("//button[text()='Log attempt']"));
            assertThat(page.findElement(By.id("timeline")).getText()) // R7: never alone
                    .contains("Accepted for a visit").contains("Goes with Eluned (vouched for by Marged)");
            assertThat(nextStep(page)).contains("Wait for Marged (12th Step list) to report back");
            helen.screenshot("visit-accepted-with-a-vouched-partner");

            new Select(page.findElement(By.id("report-volunteer"))).selectByVisibleText("Marged (12th Step list)");
            page.findElement(By.cssSelector("input[name=result][value=contact_made]")).click();
            page.findElement(By.id("report-notes")).sendKeys("Visited with Eluned, going to Lamplight on Friday");
            helen.submit(By.xpath("//button[text()='Log report back']"));
            assertThat(page.findElement(By.id("timeline")).getText()).contains("Report back from Marged"); // R11
            assertThat(nextStep(page)).contains("Marged").contains("made contact: call the caller back");
            helen.screenshot("reported-back");

            helen.submit(By.xpath("//button[text()='Show number']"));
            WebElement dial = page.findElement(By.cssSelector(".phone-reveal a.phone"));
            assertThat(dial.getText()).isEqualTo(number); // R16: shown to the opener only, on asking
            assertThat(dial.getAttribute("href")).as("R14: the call link withholds the helpliner's number").startsWith("tel:141")
                    .endsWith(number.replace(" ", ""));
            assertThat(page.findElement(By.cssSelector(".phone-reveal + .help")).getText()).contains("dials 141 first");
            assertThat(page.findElement(By.cssSelector("#callback .warning")).getText()).contains("141"); // R14 reminder
            assertThat(page.getCurrentUrl()).contains("/calls/" + call + "?shown=").doesNotContain(number.substring(6)); // a one-time token
            helen.screenshot("number-shown-withheld-link");

            page.findElement(By.cssSelector("input[name=reached][value=yes]")).click();
            helen.submit(By.xpath("//button[text()='Log callback']"));
            assertThat(nextStep(page)).contains("record the outcome and close");
            helen.screenshot("called-back");

            new Select(page.findElement(By.id("outcome"))).selectByValue("visit_in_pairs");
            helen.submit(By.xpath("//button[text()='Record outcome and close']"));
            assertThat(page.findElement(By.tagName("main")).getText()).contains("The call can only be read now"); // R15
            assertThat(page.findElements(By.id("next-step"))).isEmpty();
            helen.screenshot("closed");
        }

        try (PhoneBrowser cora = PhoneBrowser.signedIn(TestUsers.coordinator("ceridwen"), SHOTS.resolve("coordinator"))) {
            WebDriver page = cora.driver();
            page.get(base + "tasks");
            String relapseTask = "//ul[contains(@class,'tasks')]/li[contains(., 'Rhonwen') and contains(., 'Relapsed')]";
            assertThat(page.findElement(By.xpath(relapseTask)).getText()).contains("Check eligibility").doesNotContain(number);
            cora.screenshot("relapse-task");
            String cleanDate = LocalDate.now().minusWeeks(3).toString();
            ((JavascriptExecutor) page).executeScript("arguments[0].value = arguments[1]",
                    page.findElement(By.xpath(relapseTask + "//input[@type='date']")), cleanDate);
            cora.submit(By.xpath(relapseTask + "//button[text()='Update the clean date']"));
            assertThat(page.findElement(By.cssSelector("[role=status]")).getText()).contains("Done");
            assertThat(page.findElements(By.xpath(relapseTask))).isEmpty();
            assertThat(page.findElement(By.xpath("//h2[text()='Done lately']/following-sibling::ul")).getText())
                    .contains("Rhonwen").contains("clean date updated");
            cora.screenshot("relapse-settled");

            // R6: three weeks clean is under the year's minimum (P1Y): on the list, not eligible, not offered
            page.get(base + "volunteers?area=" + area);
            String rhonwen = page.findElement(By.xpath("//ul[@class='cards']/li[contains(., 'Rhonwen')]")).getText();
            assertThat(rhonwen).contains("clean since " + cleanDate).doesNotContain("eligible");
            assertThat(page.findElement(By.xpath("//ul[@class='cards']/li[contains(., 'Marged')]")).getText()).contains("eligible");
            cora.screenshot("list-with-the-new-clean-date");
            page.get(base + "contacts?areaId=" + area + "&sex=female&requestType=visit");
            List<String> offered = page.findElements(By.cssSelector("ol.cards li strong")).stream().map(WebElement::getText)
                    .toList();
            assertThat(offered).contains("Marged").doesNotContain("Rhonwen");
            cora.screenshot("finder-after-the-new-clean-date");
        }
    }

    /** Step 1: only the area is asked; the nearest meetings are read out and no call is opened. */
    private void callerGoesToAMeetingUnderTheirOwnSteam(PhoneBrowser helen, long area) throws Exception {
        WebDriver page = helen.driver();
        page.get(base + "calls/new");
        helen.screenshot("intake");
        page.findElement(By.cssSelector("input[name=immediateDanger][value=no]")).click();
        page.findElement(By.cssSelector("input[name=requesterIsAddict][value=yes]")).click();
        page.findElement(By.cssSelector("input[name=prisonGateRequest][value=no]")).click();
        new Select(page.findElement(By.id("referralAreaId"))).selectByValue(String.valueOf(area));
        helen.submit(By.id("refer"));
        assertThat(page.getCurrentUrl()).endsWith("/calls/referred?areaId=" + area);
        String main = page.findElement(By.tagName("main")).getText();
        assertThat(main).contains("No call was opened").contains("Lamplight Group").contains("Quaker meeting house, back door")
                .doesNotContain("07700"); // R4: no contact's number read to the caller
        helen.screenshot("call-one-meetings-read-out");
        page.get(base + "calls/mine");
        assertThat(page.findElement(By.tagName("main")).getText()).contains("No calls here.");
        helen.screenshot("call-one-no-call-opened");
    }

    /** Step 2's intake: a visit request, through the form; returns the new call's id. */
    private long openAVisitRequest(PhoneBrowser helen, long area, String number) throws Exception {
        WebDriver page = helen.driver();
        page.get(base + "calls/new");
        page.findElement(By.cssSelector("input[name=immediateDanger][value=no]")).click();
        page.findElement(By.cssSelector("input[name=requesterIsAddict][value=yes]")).click();
        page.findElement(By.cssSelector("input[name=prisonGateRequest][value=no]")).click();
        page.findElement(By.id("callerFirstName")).sendKeys("Tegwen");
        page.findElement(By.id("callerPhone")).sendKeys(number);
        page.findElement(By.id("callerPhoneConfirm")).sendKeys(number);
        new Select(page.findElement(By.id("areaId"))).selectByValue(String.valueOf(area));
        page.findElement(By.cssSelector("input[name=callerSex][value=female]")).click();
        page.findElement(By.cssSelector("input[name=requestType][value=visit]")).click();
        page.findElement(By.cssSelector("input[name=disabledOrVulnerable][value=no]")).click();
        helen.screenshot("call-two-intake-filled");
        helen.submit(By.cssSelector("form.intake button[type=submit]:not(.enter-opens)"));
        assertThat(page.getCurrentUrl()).matches(".*/calls/\\d+");
        assertThat(page.findElement(By.cssSelector(".caller")).getText()).contains("Tegwen").doesNotContain(number);
        return Long.parseLong(page.getCurrentUrl().replaceAll(".*/calls/(\\d+).*", "$1"));
    }

    private static String nextStep(WebDriver page) {
        return page.findElement(By.cssSelector("#next-step .next-text")).getText();
    }

    private static void meeting(String name, long area, String venue) {
        new ForumApiClient(ListFixtures.COORDINATOR).post("/api/meetings", Map.of("name", name, "areaId", area,
                "weekday", "friday", "time", "19:30", "venue", venue, "contactName", "Mo", "contactPhone", DramaNumbers.mobile()))
                .statusCode(201);
    }
}
