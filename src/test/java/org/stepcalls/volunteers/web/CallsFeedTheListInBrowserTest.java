package org.stepcalls.volunteers.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.platform.web.PhoneBrowser;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * On a 375×812 phone: a helpliner's attempts feed the list (a relapse, a partner vouched for, a report
 * back from the contact who accepted), and the coordinator settles the tasks at /tasks. Every page
 * passes PageChecks. Screenshots: target/e2e-tasks/.
 */
@QuarkusTest
class CallsFeedTheListInBrowserTest {

    private static final Path SHOTS = Path.of("target/e2e-tasks");

    @TestHTTPResource("/")
    URL base;

    @Test
    void aHelplinersAttemptsBecomeTasksACoordinatorSettlesOnAPhone() throws Exception {
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        long relapsed = ListFixtures.addId(ListFixtures.volunteer("Bronagh", "female", area));
        long leaving = ListFixtures.addId(ListFixtures.volunteer("Carys", "female", area));
        long goes = ListFixtures.addId(ListFixtures.volunteer("Delyth", "female", area));
        String helpliner = TestUsers.helpliner("heulwen");
        long call = new ForumApiClient(helpliner).post("/api/calls", intake(area)).statusCode(201).extract().jsonPath()
                .getLong("topicId");
        new ForumApiClient(helpliner).post("/api/calls/" + call + "/attempts", Map.of("contactType", "volunteer",
                "volunteerId", leaving, "result", "wants_off_list", "invitedToList", false)).statusCode(201);

        try (PhoneBrowser helen = PhoneBrowser.signedIn(helpliner, SHOTS.resolve("helpliner"))) {
            WebDriver page = helen.driver();
            page.get(base + "calls/" + call);
            assertThat(page.findElements(By.cssSelector("#contact option[value='v:" + leaving + "']")))
                    .as("wanting off the list, no longer offered").isEmpty();
            new Select(page.findElement(By.id("contact"))).selectByValue("v:" + relapsed);
            page.findElement(By.cssSelector("input[name=result][value=not_eligible]")).click();
            helen.submit(By.xpath("//button[text()='Log attempt']"));
            assertThat(page.findElement(By.cssSelector("[role=alert]")).getText()).contains("relapsed, not up for it, or other");
            assertThat(page.findElement(By.cssSelector("input[name=result][value=not_eligible]")).isSelected()).isTrue();
            helen.screenshot("not-eligible-needs-a-reason");
            page.findElement(By.cssSelector("input[name=reason][value=relapsed]")).click();
            helen.submit(By.xpath("//button[text()='Log attempt']"));
            assertThat(page.findElements(By.cssSelector("#contact option[value='v:" + relapsed + "']"))).isEmpty();

            new Select(page.findElement(By.id("contact"))).selectByValue("v:" + goes);
            page.findElement(By.cssSelector("input[name=result][value=accepted]")).click();
            page.findElement(By.name("cleanTime")).click();
            page.findElement(By.name("willing")).click();
            page.findElement(By.name("knowsGuidelines")).click();
            new Select(page.findElement(By.id("acceptedFor"))).selectByValue("visit");
            page.findElement(By.id("partnerFirstName")).sendKeys("Eirlys");
            page.findElement(By.name("vouched")).click();
            page.findElement(By.name("invitedToList")).click();
            page.findElement(By.id("invitedFirstName")).sendKeys("Ffion");
            helen.screenshot("visit-with-a-vouched-partner");
            helen.submit(By.xpath("//button[text()='Log attempt']"));
            assertThat(page.findElement(By.id("timeline")).getText()).contains("Goes with Eirlys (vouched for by Delyth)")
                    .contains("Invited Ffion to join the 12th Step list").doesNotContain("relapse");

            new Select(page.findElement(By.id("report-volunteer"))).selectByVisibleText("Delyth (12th Step list)");
            page.findElement(By.cssSelector("input[name=result][value=contact_made]")).click();
            helen.submit(By.xpath("//button[text()='Log report back']"));
            assertThat(page.findElement(By.id("timeline")).getText()).contains("Report back from Delyth");
            helen.screenshot("reported-back");
        }

        try (PhoneBrowser cora = PhoneBrowser.signedIn(TestUsers.coordinator("ceinwen"), SHOTS.resolve("coordinator"))) {
            WebDriver page = cora.driver();
            page.get(base.toString());
            assertThat(page.findElement(By.cssSelector("nav a[href='/tasks']")).getAttribute("textContent")).matches("Tasks \\d+");
            page.get(base + "tasks");
            cora.screenshot("tasks");
            String relapseTask = "//li[contains(., 'Bronagh') and contains(., 'Relapsed')]";
            cora.submit(By.xpath(relapseTask + "//button[text()='Update the clean date']"));
            assertThat(page.findElement(By.cssSelector("[role=alert]")).getText()).contains("new clean date");
            cora.screenshot("relapse-needs-the-new-clean-date");
            ((JavascriptExecutor) page).executeScript("arguments[0].value = arguments[1]",
                    page.findElement(By.xpath(relapseTask + "//input[@type='date']")), LocalDate.now().minusMonths(1).toString());
            cora.submit(By.xpath(relapseTask + "//button[text()='Update the clean date']"));
            assertThat(page.findElement(By.cssSelector("[role=status]")).getText()).contains("Done");
            cora.submit(By.xpath("//li[contains(., 'Carys')]//button[starts-with(text(), 'Remove Carys')]"));
            cora.submit(By.xpath("//li[contains(., 'Ffion')]//button[text()='Form sent']"));
            String done = page.findElement(By.xpath("//h2[text()='Done lately']/following-sibling::ul")).getText();
            assertThat(done).contains("clean date updated", "removed from the list", "Ffion");
            assertThat(page.getPageSource()).doesNotContain("Carys").doesNotContain("Gwenllian");
            cora.screenshot("tasks-done");
        }
    }

    private static Map<String, Object> intake(long area) {
        Map<String, Object> form = new java.util.HashMap<>(Map.of("callerFirstName", "Gwenllian", "callerPhone",
                DramaNumbers.mobile(), "areaId", area, "callerSex", "female", "requestType", "visit",
                "disabledOrVulnerable", false, "immediateDanger", false, "requesterIsAddict", true, "prisonGateRequest", false));
        form.put("callerPhoneConfirm", form.get("callerPhone"));
        return form;
    }
}
