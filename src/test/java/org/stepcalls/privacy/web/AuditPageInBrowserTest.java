package org.stepcalls.privacy.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import java.time.OffsetDateTime;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.stepcalls.platform.security.Account;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.platform.web.PhoneBrowser;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The admin's audit page in a real browser at phone size: filtered by person and action, nothing wider than the screen. */
@QuarkusTest
class AuditPageInBrowserTest {

    private static final Path SHOTS = Path.of("target/e2e-audit");

    @TestHTTPResource("/")
    URL base;

    @Inject
    EntityManager entityManager;

    @Test
    void anAdminFiltersTheLogByPersonAndActionOnAPhone() throws Exception {
        long topic = 3_000_000_000L + System.nanoTime() % 1_000_000_000L;
        String person = "Perpetua Audited";
        long actor = account("perpetua", person);
        plant(topic, actor, "caller_phone_revealed");
        plant(topic, actor, "post_hidden");

        try (PhoneBrowser admin = PhoneBrowser.signedIn(TestUsers.admin("adelina"), SHOTS)) {
            WebDriver page = admin.driver();
            page.get(base + "admin/audit?topicId=" + topic);
            assertThat(page.findElements(By.cssSelector("ol.audit li"))).hasSize(2);
            new Select(page.findElement(By.id("actor"))).selectByVisibleText(person);
            new Select(page.findElement(By.id("action"))).selectByValue("caller_phone_revealed");
            admin.submit(By.xpath("//button[text()='Show']"));

            assertThat(page.getCurrentUrl()).contains("action=caller_phone_revealed").contains("actor=" + actor);
            assertThat(page.findElements(By.cssSelector("ol.audit li"))).hasSize(1);
            assertThat(page.findElement(By.cssSelector("ol.audit")).getText()).contains(person).contains("Caller phone revealed")
                    .contains("topic " + topic);
            Number width = (Number) admin.driver().executeScript("return document.documentElement.scrollWidth");
            assertThat(width.intValue()).as("page width at 375 px").isLessThanOrEqualTo(375);
            admin.screenshot("filtered");
        }
    }

    private long account(String subject, String displayName) {
        given().auth().oauth2(TestUsers.member(subject)).get("/api/categories").then().statusCode(200);
        return QuarkusTransaction.requiringNew().call(() -> {
            Account account = Account.<Account> find("subject", "sub-" + subject).firstResult();
            account.displayName = displayName; // a name with a space, as people have
            return account.id;
        });
    }

    private void plant(long topic, long actor, String action) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "INSERT INTO audit_log (at, actor_id, action, topic_id) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, OffsetDateTime.now()).setParameter(2, actor).setParameter(3, action).setParameter(4, topic)
                .executeUpdate());
    }
}
