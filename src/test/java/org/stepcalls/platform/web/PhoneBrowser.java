package org.stepcalls.platform.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.stepcalls.ScratchDirectories;
import org.stepcalls.platform.security.TestUsers;

/**
 * Headless Debian Chromium at phone size (375×812), driven by Selenium, signed in as one person:
 * the access token rides on every request (the default tenant accepts bearer tokens), so the
 * browser needs no identity-provider login page. Screenshots go under {@code target/}.
 */
public final class PhoneBrowser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path shots;
    private int shot;

    private PhoneBrowser(String token, Path shots) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=375,812", "--user-data-dir=" + ScratchDirectories.create("stepcalls-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", TestUsers.bearer(token))));
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 375, "height", 812, "deviceScaleFactor", 1, "mobile", true));
        this.shots = shots;
        Files.createDirectories(shots);
    }

    /** A browser for {@code token}; skips the test where Chromium is not installed, except in CI. */
    public static PhoneBrowser signedIn(String token, Path shots) throws IOException {
        requireChromium();
        return new PhoneBrowser(token, shots);
    }

    /**
     * Browser tests need Debian's Chromium: without it they are skipped, saying how to run them —
     * except in CI ({@code CI} set), where a missing browser fails the build.
     */
    public static void requireChromium() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must install chromium and chromium-driver (.ci/run)");
        }
        String skipped = "Browser test skipped: Debian's chromium and chromium-driver are not installed "
                + "(apt-get install chromium chromium-driver to run it)";
        if (!installed) {
            System.out.println(skipped); // Maven's summary shows only a count; this says why and what to do
        }
        Assumptions.assumeTrue(installed, skipped);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Clicks something that submits a form or follows a link, and waits until the next page has loaded. */
    public void submit(org.openqa.selenium.By button) {
        org.openqa.selenium.WebElement page = driver.findElement(org.openqa.selenium.By.tagName("html"));
        driver.findElement(button).click();
        awaitNextPage(driver, page);
    }

    /** Waits until {@code page} (the old document's root) is gone and the next document has loaded. */
    public static void awaitNextPage(org.openqa.selenium.WebDriver driver, org.openqa.selenium.WebElement page) {
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            try {
                page.isEnabled();
                return false; // still the old page
            } catch (org.openqa.selenium.WebDriverException gone) {
                // stale, or (Chromium 150+) "node does not belong to the document": the old page is gone
                return "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState"));
            }
        });
    }

    /** Saves a full-page screenshot named for the step, numbered in order, then checks the page (PageChecks). */
    public void screenshot(String step) throws IOException {
        Object size = driver.executeScript("return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
        java.util.List<?> dims = (java.util.List<?>) size;
        int height = Math.max(812, ((Number) dims.get(1)).intValue());
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 375, "height", height, "deviceScaleFactor", 1, "mobile", true));
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 375, "height", 812, "deviceScaleFactor", 1, "mobile", true));
        Files.write(shots.resolve(String.format("%02d-%s.png", ++shot, step)), png);
        PageChecks.check(driver, shots.getFileName() + "/" + step);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
