package org.stepcalls.calls.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.stepcalls.calls.api.CallFixtures;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.platform.web.PhoneBrowser;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * An open call's page on a 375×812 phone, measured: the next step's form sits right under the
 * summary, whole in the first screens, and the page stays short with one form open.
 * Screenshots: target/e2e-calls/call-page/.
 */
@QuarkusTest
class CallPageOnAPhoneTest {

    private static final Path SHOTS = Path.of("target/e2e-calls/call-page");
    private static final int PHONE_HEIGHT = 812;
    /** The attempt step with four contacts listed, each with its number: 4,552 px before #12, 1,887 px since. */
    private static final int MAX_HEIGHT = 2_000;

    @TestHTTPResource("/")
    URL base;

    @Test
    void theNextStepsFormIsInTheFirstScreensAndThePageIsShort() throws Exception {
        String helpliner = TestUsers.helpliner("phoebe");
        String origin = ListFixtures.origin();
        long area = ListFixtures.area(origin, 0);
        long wilma = ListFixtures.addId(ListFixtures.volunteer("Wilma", "female", area));
        ListFixtures.addId(ListFixtures.volunteer("Wren", "female", ListFixtures.area(origin, 5)));
        ListFixtures.addId(ListFixtures.volunteer("Walt", "male", area));
        meeting(area);
        long call = given().header("Authorization", TestUsers.bearer(helpliner)).contentType(ContentType.JSON)
                .body(CallFixtures.intake(area)).post("/api/calls").then().statusCode(201).extract().jsonPath()
                .getLong("topicId");
        given().header("Authorization", TestUsers.bearer(helpliner)).contentType(ContentType.JSON)
                .body(Map.of("contactType", "volunteer", "volunteerId", wilma, "result", "no_answer",
                        "checks", Map.of("cleanTime", false, "willing", false, "knowsGuidelines", false),
                        "invitedToList", false, "notes", "Try after six"))
                .post("/api/calls/" + call + "/attempts").then().statusCode(201);

        try (PhoneBrowser phone = PhoneBrowser.signedIn(helpliner, SHOTS)) {
            WebDriver page = phone.driver();
            page.get(base + "calls/" + call);
            long height = ((Number) phone.driver().executeScript("return document.documentElement.scrollHeight")).longValue();
            System.out.println("Call page height at 375 px, one form open: " + height + " px");
            phone.screenshot("open-call");

            WebElement summary = page.findElement(By.cssSelector(".caller"));
            WebElement form = page.findElement(By.cssSelector("#next-step form"));
            long summaryTop = top(page, summary);
            long formBottom = top(page, form) + form.getSize().getHeight();
            System.out.println("Next step's form ends at " + formBottom + " px (summary starts at " + summaryTop + " px)");
            assertThat(form.isDisplayed()).isTrue();
            assertThat(formBottom - summaryTop).as("the next step's form fits in two screens from the summary")
                    .isLessThanOrEqualTo(2L * PHONE_HEIGHT);
            assertThat(page.findElements(By.cssSelector("details[open]"))).as("one form open at a time").hasSize(1);
            assertThat(height).as("page height with the attempt form and four contacts open").isLessThanOrEqualTo(MAX_HEIGHT);

            given().header("Authorization", TestUsers.bearer(helpliner)).contentType(ContentType.JSON)
                    .body(Map.of("contactType", "volunteer", "volunteerId", wilma, "result", "accepted",
                            "checks", Map.of("cleanTime", true, "willing", true, "knowsGuidelines", true),
                            "acceptedFor", "phone", "invitedToList", false))
                    .post("/api/calls/" + call + "/attempts").then().statusCode(201);
            given().header("Authorization", TestUsers.bearer(helpliner)).contentType(ContentType.JSON)
                    .body(Map.of("volunteerId", wilma, "result", "contact_made", "notes", "Talked for an hour"))
                    .post("/api/calls/" + call + "/report-backs").then().statusCode(201);
            page.get(base + "calls/" + call);
            long callbackHeight = ((Number) phone.driver().executeScript("return document.documentElement.scrollHeight"))
                    .longValue();
            System.out.println("Call page height at 375 px, the callback form open: " + callbackHeight + " px");
            phone.screenshot("callback-step");
            assertThat(page.findElement(By.cssSelector("#next-step details#callback[open] form")).isDisplayed()).isTrue();
            assertThat(page.findElements(By.cssSelector("details[open]"))).hasSize(1);
            assertThat(callbackHeight).as("page height with the callback form open").isLessThanOrEqualTo(MAX_HEIGHT);

            page.get(base + "calls/mine");
            assertThat(page.findElement(By.cssSelector("header a[href='/calls/mine'] .badge")).getText()).isEqualTo("1");
            assertThat(page.findElement(By.cssSelector("ul.calls li")).getText()).contains("Next: Wilma made contact");
            phone.screenshot("my-calls");
        }
    }

    private static long top(WebDriver page, WebElement element) {
        return ((Number) ((org.openqa.selenium.JavascriptExecutor) page)
                .executeScript("return arguments[0].getBoundingClientRect().top + window.scrollY", element)).longValue();
    }

    private static void meeting(long area) {
        given().header("Authorization", TestUsers.bearer(ListFixtures.COORDINATOR)).contentType(ContentType.JSON)
                .body(Map.of("name", "Hope Group", "areaId", area, "weekday", "monday", "time", "19:30",
                        "contactName", "Mags", "contactPhone", org.stepcalls.privacy.DramaNumbers.mobile()))
                .post("/api/meetings").then().statusCode(201);
    }
}
