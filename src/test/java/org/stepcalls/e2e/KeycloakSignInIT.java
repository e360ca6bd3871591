package org.stepcalls.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.stepcalls.ScratchDirectories;
import org.stepcalls.platform.web.PageChecks;
import org.stepcalls.platform.web.PhoneBrowser;

/**
 * Sign-in through a real identity provider: Keycloak 26 (fetched through Maven, run with Temurin
 * 25 on 127.0.0.1) importing docker/keycloak/stepcalls-realm.json, and the packaged app against
 * it. Each demo user signs in on Keycloak's own login page in Chromium; what each role may see
 * is checked, then they sign out.
 */
class KeycloakSignInIT {

    private static final String KEYCLOAK = "http://127.0.0.1:" + PackagedStack.SHARED_KEYCLOAK_PORT;
    private static final String APP = "http://127.0.0.1:8095";
    private static final Path SHOTS = Path.of("target/e2e-keycloak");
    private static PackagedStack stack;

    @BeforeAll
    static void startKeycloakAndTheApp() throws Exception {
        stack = PackagedStack.startWithSharedKeycloak(8095, Map.of(), "signin");
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (stack != null) {
            stack.close();
        }
    }

    @ParameterizedTest(name = "{0} signs in through Keycloak")
    @CsvSource({
            // user, password, shown name, may open calls, sees overdue, sees purge, helpliners board
            "mia,   mia-demo,   Mia Member,        false, false, false, false",
            "helen, helen-demo, Helen Helpliner,   true,  false, false, true",
            "carl,  carl-demo,  Carl Coordinator,  false, true,  true,  true",
            "alice, alice-demo, Alice Admin,       false, false, true,  false",
    })
    void eachRoleSignsInOnTheRealLoginPageAndSeesItsOwnSite(String user, String password, String name, boolean calls,
            boolean overdue, boolean purge, boolean helplinersBoard) throws IOException {
        WebDriver browser = browser();
        try {
            browser.get(APP + "/login");
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            assertThat(browser.getCurrentUrl()).startsWith(KEYCLOAK + "/realms/stepcalls/");
            browser.findElement(By.id("username")).sendKeys(user);
            browser.findElement(By.id("password")).sendKeys(password);
            browser.findElement(By.id("kc-login")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlToBe(APP + "/"));
            browser.findElement(By.cssSelector("details.menu > summary")).click(); // the phone's menu, opened as a person does
            String header = browser.findElement(By.cssSelector("header.site")).getText();
            assertThat(header).contains(name).contains("Sign out");
            assertThat(header.contains("New call")).isEqualTo(calls);
            assertThat(header.contains("Overdue")).isEqualTo(overdue);
            assertThat(header.contains("Purge")).isEqualTo(purge);
            assertThat(header.contains("Audit")).isEqualTo(user.equals("alice")); // admins alone, from realm roles
            browser.get(APP + "/c/helpliners");
            assertThat(browser.getPageSource().contains("Not found")).isEqualTo(!helplinersBoard);
            browser.get(APP + "/calls/new");
            assertThat(browser.getPageSource().contains("Caller's first name")).isEqualTo(calls);
            Files.write(SHOTS.resolve(user + ".png"), ((ChromeDriver) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            PageChecks.check(browser, user + "-new-call");
            browser.get(APP + "/");
            browser.findElement(By.cssSelector("details.menu > summary")).click();
            browser.findElement(By.xpath("//button[text()='Sign out']")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getPageSource().contains("href=\"/login\""));
        } finally {
            browser.quit();
        }
    }

    /**
     * Keycloak's access tokens for the stepcalls client carry its audience (the realm's audience
     * mapper) and their realm roles count; a token the realm issued the same admin for another
     * client is refused, on the API and on pages.
     */
    @org.junit.jupiter.api.Test
    void onlyTokensIssuedForStepcallsAreAccepted() throws Exception {
        String ours = stack.accessToken("alice", "alice-demo");
        String another = stack.accessTokenForAnotherClient("alice", "alice-demo");
        assertThat(get("/api/audit", ours).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = get("/api/audit", another);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("\"not_signed_in\"");
        assertThat(get("/admin/audit", ours).statusCode()).isEqualTo(200);
        assertThat(get("/admin/audit", another).statusCode()).isEqualTo(401);
        assertThat(get("/api/audit", stack.accessToken("carl", "carl-demo")).statusCode()).isEqualTo(403);
    }

    private static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(APP + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The journeys people make, in Chromium at phone size against the packaged app: a member's
     * topic, reply, edit and search; a coordinator's list; a whole call from intake to close as a
     * helpliner while another helpliner and the coordinator look on; the overdue and outcomes pages.
     */
    @org.junit.jupiter.api.Test
    void theForumAndACallFromEndToEndOnAPhone() throws Exception {
        Path shots = Path.of("target/e2e/journeys");
        Files.createDirectories(shots);
        String callUrl;
        try (Session mia = Session.signIn("mia", "mia-demo", shots)) {
            mia.open("/new-topic");
            mia.type("title", "Lifts to the Sunday meeting");
            mia.type("body", "Anyone driving from Headingley? Text me on 07700 900444.");
            mia.submit(By.xpath("//button[text()='Start topic']"));
            assertThat(mia.text(".notice")).contains("We removed 1 phone number");
            mia.shot("topic-created");
            mia.type("body", "Sorted, thanks all.");
            mia.submit(By.xpath("//button[text()='Reply']"));
            mia.submit(By.xpath("(//a[text()='Edit'])[last()]"));
            mia.driver.findElement(By.id("body")).clear();
            mia.type("body", "Sorted — thank you all.");
            mia.submit(By.xpath("//button[text()='Save']"));
            assertThat(mia.driver.getPageSource()).contains("Sorted — thank you all.").contains("edited");
            mia.shot("reply-edited");
            mia.open("/search?q=Headingley");
            assertThat(mia.text("ul.topics")).contains("Lifts to the Sunday meeting");
            mia.shot("search");
        }
        try (Session carl = Session.signIn("carl", "carl-demo", shots)) {
            carl.open("/volunteers/new");
            carl.type("firstName", "Rhona");
            carl.type("phone", "07700 900445");
            carl.driver.findElement(By.cssSelector("input[name=sex][value=female]")).click();
            new org.openqa.selenium.support.ui.Select(carl.driver.findElement(By.id("homeAreaId"))).selectByVisibleText("Leeds (Yorkshire)");
            carl.driver.findElement(By.id("cleanDate")).sendKeys("01012015");
            carl.driver.findElement(By.name("guidelinesAcknowledged")).click();
            carl.submit(By.xpath("//button[text()='Save']"));
            assertThat(carl.text(".cards")).contains("Rhona");
            carl.shot("list-with-volunteer");
        }
        try (Session helen = Session.signIn("helen", "helen-demo", shots)) {
            helen.open("/calls/new");
            for (String[] choice : new String[][] { { "immediateDanger", "no" }, { "requesterIsAddict", "yes" },
                    { "prisonGateRequest", "no" }, { "callerSex", "female" }, { "requestType", "phone" },
                    { "disabledOrVulnerable", "no" } }) {
                helen.driver.findElement(By.cssSelector("input[name=" + choice[0] + "][value=" + choice[1] + "]")).click();
            }
            helen.type("callerFirstName", "Imogen");
            helen.type("callerPhone", "07700 900446");
            helen.type("callerPhoneConfirm", "07700 900446");
            new org.openqa.selenium.support.ui.Select(helen.driver.findElement(By.id("areaId"))).selectByVisibleText("Leeds (Yorkshire)");
            helen.submit(By.cssSelector("form.intake button[type=submit]"));
            callUrl = helen.driver.getCurrentUrl();
            helen.shot("call-opened");
            new org.openqa.selenium.support.ui.Select(helen.driver.findElement(By.id("contact"))).selectByIndex(1);
            helen.driver.findElement(By.cssSelector("input[name=result][value=accepted]")).click();
            helen.driver.findElement(By.name("cleanTime")).click();
            helen.driver.findElement(By.name("willing")).click();
            helen.driver.findElement(By.name("knowsGuidelines")).click();
            helen.submit(By.xpath("//button[text()='Log attempt']"));
            openStep(helen, "callback"); // the steps not due now are folded (<details>), opened as a person does
            helen.driver.findElement(By.cssSelector("input[name=reached][value=yes]")).click();
            helen.submit(By.xpath("//button[text()='Log callback']"));
            openStep(helen, "close");
            new org.openqa.selenium.support.ui.Select(helen.driver.findElement(By.id("outcome"))).selectByValue("volunteer_phoned");
            helen.submit(By.xpath("//button[text()='Record outcome and close']"));
            assertThat(helen.driver.getPageSource()).contains("The call can only be read now").contains("Imogen");
            helen.shot("call-closed");
        }
        for (String[] onlooker : new String[][] { { "hugo", "hugo-demo" }, { "carl", "carl-demo" } }) {
            try (Session other = Session.signIn(onlooker[0], onlooker[1], shots)) {
                other.driver.get(callUrl);
                assertThat(other.driver.getPageSource()).contains("Caller I.").doesNotContain("Imogen")
                        .doesNotContain("900446");
                other.shot("call-seen-by-" + onlooker[0]);
                if (onlooker[0].equals("carl")) {
                    other.open("/calls/overdue");
                    assertThat(other.text("h1")).isEqualTo("Overdue calls");
                    other.shot("overdue");
                }
            }
        }
        try (Session mia = Session.signIn("mia", "mia-demo", shots)) {
            mia.open("/outcomes");
            assertThat(mia.driver.findElements(By.cssSelector("svg.chart rect"))) // one bar per outcome
                    .hasSize(org.stepcalls.outcomes.OutcomeReport.OUTCOMES.size());
            mia.shot("outcomes");
            mia.driver.get(callUrl);
            assertThat(mia.driver.getPageSource()).contains("Not found").doesNotContain("Caller I.");
        }
    }

    /**
     * A helpliner with no mouse or touch screen (a switch or keyboard user) opens a call: from the
     * top of the page, Tab reaches every control of the intake form in reading order, Space picks
     * a radio button, typing picks the town, Enter sends it.
     */
    @org.junit.jupiter.api.Test
    void aHelplinerOpensACallFromTheKeyboardAlone() throws Exception {
        Path shots = Path.of("target/e2e/keyboard");
        Files.createDirectories(shots);
        try (Session hugo = Session.signIn("hugo", "hugo-demo", shots)) {
            hugo.open("/calls/new");
            int tabs = 0;
            while (!"immediateDanger".equals(hugo.focused().getAttribute("name"))) {
                assertThat(++tabs).as("Tab presses to reach the form's first question").isLessThan(30);
                hugo.focused().sendKeys(Keys.TAB);
            }
            hugo.key("immediateDanger", Keys.SPACE);
            hugo.key("requesterIsAddict", Keys.SPACE);
            hugo.key("prisonGateRequest", Keys.SPACE);
            // the meeting-first question's own controls (#12): passed over for a caller who needs a call
            hugo.pass("select", "referralAreaId");
            hugo.pass("button", "canGetToMeeting");
            hugo.key("callerFirstName", "Petra");
            hugo.key("callerPhone", "07700 900447");
            hugo.key("callerPhoneConfirm", "07700 900447");
            hugo.shot("focus-on-town");
            hugo.key("areaId", "Leeds");
            hugo.key("callerSex", Keys.SPACE);
            hugo.key("requestType", Keys.SPACE);
            hugo.pass("select", "meetingId"); // only for a welcome at a meeting's door
            hugo.key("disabledOrVulnerable", Keys.SPACE);
            hugo.key("notes", "Prefers a call after six.");
            assertThat(hugo.focused().getText()).isEqualTo("Open the call");
            hugo.shot("focus-on-submit");
            org.openqa.selenium.WebElement form = hugo.driver.findElement(By.tagName("html"));
            hugo.focused().sendKeys(Keys.ENTER);
            PhoneBrowser.awaitNextPage(hugo.driver, form);
            assertThat(hugo.driver.getCurrentUrl()).matches(APP + "/calls/\\d+");
            assertThat(hugo.text(".caller")).contains("Petra");
            assertThat(hugo.driver.getPageSource()).contains("Leeds");
            hugo.shot("call-opened");
        }
    }

    /** Opens the call page's folded step {@code id} by its summary, unless the page already has it open. */
    private static void openStep(Session session, String id) {
        org.openqa.selenium.WebElement step = session.driver.findElement(By.id(id));
        if (step.getAttribute("open") == null) {
            step.findElement(By.tagName("summary")).click();
        }
    }

    /** One person's browser at phone size, signed in on Keycloak's login page. */
    static final class Session implements AutoCloseable {
        final ChromeDriver driver;
        final Path shots;
        final String user;

        private Session(ChromeDriver driver, Path shots, String user) {
            this.driver = driver;
            this.shots = shots;
            this.user = user;
        }

        static Session signIn(String user, String password, Path shots) throws IOException {
            ChromeDriver driver = (ChromeDriver) browser();
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 375, "height", 812, "deviceScaleFactor", 1, "mobile", true));
            driver.get(APP + "/login");
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            driver.findElement(By.id("username")).sendKeys(user);
            driver.findElement(By.id("password")).sendKeys(password);
            driver.findElement(By.id("kc-login")).click();
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.urlToBe(APP + "/"));
            return new Session(driver, shots, user);
        }

        void open(String path) {
            driver.get(APP + path);
        }

        org.openqa.selenium.WebElement focused() {
            return driver.switchTo().activeElement();
        }

        /** Checks the focus is on the control named {@code name}, types there, then tabs on. */
        void key(String name, CharSequence keys) {
            assertThat(focused().getAttribute("name")).as("focus before typing " + keys).isEqualTo(name);
            focused().sendKeys(keys);
            focused().sendKeys(Keys.TAB);
        }

        /** Checks the focus is on a control this journey does not use, and tabs on. */
        void pass(String tag, String name) {
            assertThat(focused().getTagName()).as("focus on a " + tag).isEqualTo(tag);
            if (name != null) {
                assertThat(focused().getAttribute("name")).isEqualTo(name);
            }
            focused().sendKeys(Keys.TAB);
        }

        void type(String id, String text) {
            driver.findElement(By.id(id)).sendKeys(text);
        }

        String text(String css) {
            return driver.findElement(By.cssSelector(css)).getText();
        }

        void submit(By button) {
            org.openqa.selenium.WebElement page = driver.findElement(By.tagName("html"));
            driver.findElement(button).click();
            PhoneBrowser.awaitNextPage(driver, page);
        }

        void shot(String step) throws IOException {
            Files.write(shots.resolve(user + "-" + step + ".png"), driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            PageChecks.check(driver, user + "-" + step);
        }

        @Override
        public void close() {
            driver.quit();
        }
    }

    static WebDriver browser() throws IOException {
        PhoneBrowser.requireChromium();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=375,812",
                "--user-data-dir=" + ScratchDirectories.create("stepcalls-it-chromium"));
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort().build(), options);
    }
}
