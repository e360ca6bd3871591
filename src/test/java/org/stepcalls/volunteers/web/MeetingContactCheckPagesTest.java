package org.stepcalls.volunteers.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import java.util.Map;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.forum.web.PageSession;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.platform.web.PhoneBrowser;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** R13 at /tasks: a member who left the list had a meeting's contact number; a coordinator checks it on a phone. */
@QuarkusTest
class MeetingContactCheckPagesTest {

    @TestHTTPResource("/")
    URL base;

    private final ForumApiClient coordinatorApi = new ForumApiClient(ListFixtures.coordinator());

    @Test
    void aCoordinatorRemovesTheContactOfAMeetingWhoseNumberLeftTheList() throws Exception {
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        String number = DramaNumbers.mobile();
        long meeting = coordinatorApi.post("/api/meetings", Map.of("name", "Step by Step", "areaId", area, "weekday", "monday",
                "time", "19:30", "contactName", "Rhiannon", "contactPhone", number)).statusCode(201).extract().jsonPath()
                .getLong("id");
        String rhiannon = TestUsers.member("rhiannon");
        Map<String, Object> entry = ListFixtures.volunteer("Rhiannon", "female", area);
        entry.put("phone", number);
        given().header("Authorization", TestUsers.bearer(rhiannon)).contentType(ContentType.JSON).body(entry)
                .put("/api/volunteers/me").then().statusCode(200);
        given().header("Authorization", TestUsers.bearer(rhiannon)).delete("/api/volunteers/me").then().statusCode(204);

        PageSession coordinator = new PageSession(ListFixtures.coordinator());
        Element task = taskFor(coordinator.page("/tasks"), "Step by Step");
        assertThat(task.text()).startsWith("Check a meeting's contact · Step by Step · contact Rhiannon")
                .contains("Someone who left the list gave the same number").doesNotContain(number.substring(6));
        assertThat(coordinator.page("/meetings?areaId=" + area).select("li:contains(Step by Step)").text())
                .contains("contact being checked (see Tasks)").doesNotContain(number.substring(6));
        try (PhoneBrowser browser = PhoneBrowser.signedIn(ListFixtures.coordinator(), Path.of("target/e2e-pages/meeting-contact-check"))) {
            browser.driver().get(base.toString().replaceAll("/$", "") + "/tasks");
            browser.screenshot("the-check"); // no sideways scroll, 44×44 tap targets, no serious axe-core violation
            browser.submit(By.xpath("//li[contains(., 'Step by Step')]//button[starts-with(text(), 'Remove Rhiannon')]"));
        }

        Element done = taskFor(coordinator.page("/tasks"), "Step by Step");
        assertThat(done.text()).contains("contact removed, number erased");
        Document meetingPage = coordinator.page("/meetings/" + meeting + "/edit");
        assertThat(meetingPage.select("input[name=contactName]").val()).isEmpty();
        assertThat(meetingPage.html()).doesNotContain(number.substring(6));
    }

    @Test
    void keepingTheContactLeavesTheMeetingAsItWas() {
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        String number = DramaNumbers.mobile();
        coordinatorApi.post("/api/meetings", Map.of("name", "Just for Today", "areaId", area, "weekday", "sunday", "time", "11:00",
                "contactName", "Morgan", "contactPhone", number)).statusCode(201);
        Map<String, Object> entry = ListFixtures.volunteer("Morwenna", "female", area);
        entry.put("phone", number);
        long id = ListFixtures.addId(entry);
        given().header("Authorization", TestUsers.bearer(ListFixtures.coordinator()))
                .delete("/api/volunteers/" + id + "?reason=asked_to_leave").then().statusCode(204);

        PageSession coordinator = new PageSession(ListFixtures.coordinator());
        String taskId = taskFor(coordinator.page("/tasks"), "Just for Today").id().replace("task-", "");
        Response kept = coordinator.submit("/tasks", "/tasks/" + taskId + "/done", Map.of());
        assertThat(kept.statusCode()).isEqualTo(303);
        assertThat(taskFor(coordinator.page("/tasks"), "Just for Today").text()).contains("contact kept");
        assertThat(coordinatorApi.get("/api/meetings").statusCode(200).extract().jsonPath().getList("findAll { it.name == 'Just for Today' }.contactName"))
                .containsExactly("Morgan");
    }

    private static Element taskFor(Document tasks, String meeting) {
        return tasks.select("li[id^=task-]").stream().filter(li -> li.text().contains(meeting)).findFirst()
                .orElseThrow(() -> new AssertionError("no task for " + meeting + " in " + tasks.select("main").text()));
    }
}
