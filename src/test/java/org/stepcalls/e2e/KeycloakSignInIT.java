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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Sign-in through a real identity provider: Keycloak 26 (fetched through Maven, run with Temurin
 * 25 on 127.0.0.1) importing docker/keycloak/stepcalls-realm.json, and the packaged app against
 * it. Each demo user signs in on Keycloak's own login page in Chromium; what each role may see
 * is checked, then they sign out.
 */
class KeycloakSignInIT {

    private static final String KEYCLOAK = "http://127.0.0.1:8180";
    private static final String APP = "http://127.0.0.1:8095";
    private static final Path SHOTS = Path.of("target/e2e-keycloak");
    private static Process keycloak;
    private static Process app;

    @BeforeAll
    static void startKeycloakAndTheApp() throws Exception {
        requireFree(8180);
        requireFree(8095);
        Path home = Path.of(System.getProperty("keycloak.home"));
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        Files.copy(Path.of(System.getProperty("realm.json")), imports.resolve("stepcalls-realm.json"),
                StandardCopyOption.REPLACE_EXISTING);
        home.resolve("bin/kc.sh").toFile().setExecutable(true);
        ProcessBuilder kc = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev", "--http-port=8180",
                "--http-host=127.0.0.1", "--import-realm").redirectErrorStream(true)
                .redirectOutput(Path.of("target/keycloak.log").toFile());
        kc.environment().put("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64");
        kc.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        kc.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-" + new SecureRandom().nextInt(1_000_000));
        keycloak = kc.start();
        awaitUp(KEYCLOAK + "/realms/stepcalls/.well-known/openid-configuration", Duration.ofMinutes(3));

        Path data = Files.createTempDirectory("stepcalls-it-data");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        ProcessBuilder jar = new ProcessBuilder("java", "-jar", System.getProperty("app.jar")).redirectErrorStream(true)
                .redirectOutput(Path.of("target/app-keycloak.log").toFile());
        jar.environment().putAll(Map.of("QUARKUS_HTTP_PORT", "8095",
                "QUARKUS_OIDC_AUTH_SERVER_URL", KEYCLOAK + "/realms/stepcalls", "QUARKUS_OIDC_CLIENT_ID", "stepcalls",
                "QUARKUS_OIDC_CREDENTIALS_SECRET", "stepcalls-demo-client-secret",
                "STEPCALLS_SESSION_SECRET", Base64.getEncoder().encodeToString(key) + "-session",
                "STEPCALLS_MASTER_KEY", Base64.getEncoder().encodeToString(key), "STEPCALLS_DATA_DIR", data.toString()));
        app = jar.start();
        awaitUp(APP + "/q/health/ready", Duration.ofMinutes(1));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (Process process : new Process[] { app, keycloak }) {
            if (process != null) {
                process.destroy();
                process.waitFor();
            }
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
            String header = browser.findElement(By.cssSelector("header.site")).getText();
            assertThat(header).contains(name).contains("Sign out");
            assertThat(header.contains("New call")).isEqualTo(calls);
            assertThat(header.contains("Overdue")).isEqualTo(overdue);
            assertThat(header.contains("Purge")).isEqualTo(purge);
            browser.get(APP + "/c/helpliners");
            assertThat(browser.getPageSource().contains("Not found")).isEqualTo(!helplinersBoard);
            browser.get(APP + "/calls/new");
            assertThat(browser.getPageSource().contains("Caller's first name")).isEqualTo(calls);
            Files.write(SHOTS.resolve(user + ".png"), ((ChromeDriver) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            browser.get(APP + "/");
            browser.findElement(By.xpath("//button[text()='Sign out']")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getPageSource().contains("href=\"/login\""));
        } finally {
            browser.quit();
        }
    }

    private static WebDriver browser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=375,812",
                "--user-data-dir=" + Files.createTempDirectory("stepcalls-it-chromium"));
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort().build(), options);
    }

    /** Something else answering on our port would be tested instead of what we start: refuse. */
    private static void requireFree(int port) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            probe.setReuseAddress(true);
        } catch (IOException taken) {
            throw new IllegalStateException("Port " + port + " is already in use; stop whatever listens there first");
        }
    }

    private static void awaitUp(String url, Duration patience) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(url + " did not come up within " + patience + "; see target/*.log");
    }
}
