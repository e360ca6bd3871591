package org.stepcalls.calls.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.platform.web.PhoneBrowser;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A whole 12th Step call in a real browser at phone size, from intake to close, as a helpliner;
 * then the same call as another helpliner and as a coordinator. Screenshots: target/e2e-calls/.
 */
@QuarkusTest
class CallFlowInBrowserTest {

    private static final Path SHOTS = Path.of("target/e2e-calls/whole-call");
    private static final Path KEYBOARD_SHOTS = Path.of("target/e2e-calls/keyboard");

    @TestHTTPResource("/")
    URL base;

    @Test
    void aHelplinerTakesACallFromIntakeToCloseOnAPhone() throws Exception {
        String origin = ListFixtures.origin();
        long area = ListFixtures.area(origin, 0);
        ListFixtures.addId(ListFixtures.volunteer("Wilma", "female", area));
        ListFixtures.addId(ListFixtures.volunteer("Xena", "female", ListFixtures.area(origin, 12)));
        String number = DramaNumbers.mobile();
        String callPath;

        try (PhoneBrowser helen = PhoneBrowser.signedIn(TestUsers.helpliner("helga"), SHOTS)) {
            WebDriver page = helen.driver();
            page.get(base + "calls/new");
            helen.screenshot("intake-empty");
            page.findElement(By.cssSelector("input[name=immediateDanger][value=no]")).click();
            page.findElement(By.cssSelector("input[name=requesterIsAddict][value=yes]")).click();
            page.findElement(By.cssSelector("input[name=prisonGateRequest][value=no]")).click();
            page.findElement(By.id("callerFirstName")).sendKeys("Yolanda");
            page.findElement(By.id("callerPhone")).sendKeys(number);
            page.findElement(By.id("callerPhoneConfirm")).sendKeys(number.replace("123", "124") + "9");
            new Select(page.findElement(By.id("areaId"))).selectByValue(String.valueOf(area));
            page.findElement(By.cssSelector("input[name=callerSex][value=female]")).click();
            page.findElement(By.cssSelector("input[name=requestType][value=visit]")).click();
            page.findElement(By.cssSelector("input[name=disabledOrVulnerable][value=no]")).click();
            helen.submit(By.cssSelector("form.intake button[type=submit]:not(.enter-opens)"));
            assertThat(page.findElement(By.cssSelector("[role=alert]")).getText()).contains("The two numbers differ"); // R3
            helen.screenshot("intake-numbers-differ");
            page.findElement(By.id("callerPhoneConfirm")).clear();
            page.findElement(By.id("callerPhoneConfirm")).sendKeys(number);
            // Enter in a box opens the call: the form's first submit button, never "show meetings near them"
            org.openqa.selenium.WebElement before = page.findElement(By.tagName("html"));
            page.findElement(By.id("callerPhoneConfirm")).sendKeys(org.openqa.selenium.Keys.ENTER);
            PhoneBrowser.awaitNextPage(page, before);
            assertThat(page.getCurrentUrl()).matches(".*/calls/\\d+");
            callPath = page.getCurrentUrl().replace(base.toString(), "");
            assertThat(page.findElement(By.cssSelector(".caller")).getText()).contains("Yolanda");
            helen.screenshot("call-opened");

            helen.submit(By.xpath("//button[text()='Show number']"));
            assertThat(page.findElement(By.cssSelector(".phone-reveal")).getText()).contains(number); // R16
            assertThat(page.getCurrentUrl()).doesNotContain(number.substring(6));
            assertThat(page.findElement(By.cssSelector(".phone-reveal a.phone")).getAttribute("href")) // R14: withheld
                    .isEqualTo("tel:141" + number.replace(" ", ""));
            helen.screenshot("number-revealed");

            page.get(base + callPath);
            new Select(page.findElement(By.id("contact"))).selectByVisibleText("Wilma (" + areaName(page, area) + ")");
            page.findElement(By.cssSelector("input[name=result][value=accepted]")).click();
            helen.submit(By.xpath("//button[text()='Log attempt']"));
            assertThat(page.findElement(By.cssSelector("[role=alert]")).getText()).contains("all three checks"); // R6
            helen.screenshot("attempt-needs-checks");
            page.findElement(By.name("cleanTime")).click();
            page.findElement(By.name("willing")).click();
            page.findElement(By.name("knowsGuidelines")).click();
            new Select(page.findElement(By.id("acceptedFor"))).selectByValue("visit");
            new Select(page.findElement(By.id("partnerVolunteerId"))).selectByIndex(2);
            helen.submit(By.xpath("//button[text()='Log attempt']"));
            assertThat(page.findElement(By.id("timeline")).getText()).contains("Accepted for a visit, in pairs");
            helen.screenshot("attempt-logged");

            new Select(page.findElement(By.id("report-volunteer"))).selectByIndex(1);
            page.findElement(By.cssSelector("input[name=result][value=contact_made]")).click();
            helen.submit(By.xpath("//button[text()='Log report back']"));
            assertThat(page.findElement(By.cssSelector(".warning strong")).getText()).isNotEmpty();
            assertThat(page.getPageSource()).contains("dial 141"); // R14
            page.findElement(By.cssSelector("input[name=reached][value=yes]")).click();
            helen.submit(By.xpath("//button[text()='Log callback']"));
            helen.screenshot("reported-back-and-called-back");

            new Select(page.findElement(By.id("outcome"))).selectByValue("visit_in_pairs");
            helen.submit(By.xpath("//button[text()='Record outcome and close']"));
            assertThat(page.getPageSource()).contains("The call can only be read now");
            helen.screenshot("closed");
        }

        try (PhoneBrowser otto = PhoneBrowser.signedIn(TestUsers.helpliner("otis"), SHOTS)) {
            otto.driver().get(base + callPath);
            assertThat(otto.driver().getPageSource()).doesNotContain("Yolanda").doesNotContain(number).contains("Caller Y.");
            otto.screenshot("seen-by-another-helpliner");
        }
        try (PhoneBrowser cora = PhoneBrowser.signedIn(TestUsers.coordinator("coral"), SHOTS)) {
            cora.driver().get(base + callPath);
            assertThat(cora.driver().getPageSource()).doesNotContain("Yolanda").doesNotContain(number);
            cora.screenshot("seen-by-a-coordinator");
        }
    }

    @Test
    void theIntakeFormWorksFromTheKeyboardAlone() throws Exception {
        try (PhoneBrowser helen = PhoneBrowser.signedIn(TestUsers.helpliner("hester"), KEYBOARD_SHOTS)) {
            WebDriver page = helen.driver();
            page.get(base + "calls/new");
            page.findElement(By.cssSelector("input[name=immediateDanger][value=no]")).sendKeys(" ");
            page.findElement(By.cssSelector("input[name=immediateDanger][value=no]")).sendKeys(org.openqa.selenium.Keys.TAB);
            String focused = page.switchTo().activeElement().getAttribute("name");
            assertThat(focused).isEqualTo("requesterIsAddict");
            assertThat(page.findElement(By.cssSelector("input[name=immediateDanger][value=no]")).isSelected()).isTrue();
            helen.screenshot("keyboard-focus");
        }
    }

    private static String areaName(WebDriver page, long area) {
        return page.findElement(By.cssSelector("#contact option[value='v:" + firstVolunteerOption(page) + "']")).getText()
                .replaceAll(".*\\((.*)\\)", "$1");
    }

    private static String firstVolunteerOption(WebDriver page) {
        return page.findElement(By.cssSelector("#contact option[value^='v:']")).getAttribute("value").substring(2);
    }
}
