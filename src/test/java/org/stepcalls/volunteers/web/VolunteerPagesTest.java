package org.stepcalls.volunteers.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.stepcalls.forum.web.PageSession;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class VolunteerPagesTest {

    private final PageSession coordinator = new PageSession(ListFixtures.coordinator());

    @Test
    void coordinatorAddsSomeoneAndSeesTheNumberWithTheWarning() { // R4
        String number = DramaNumbers.mobile();
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        Response added = coordinator.submit("/volunteers/new", "/volunteers/new", fields("Tess", number, area));
        assertThat(added.statusCode()).isEqualTo(303);
        Document list = coordinator.page("/volunteers?area=" + area);
        assertThat(list.select(".warning").text()).contains("NEVER give a member's number to the caller");
        assertThat(list.select(".cards li").text()).contains("Tess");
        assertThat(list.select("a.phone").attr("href")).isEqualTo("tel:" + number);
    }

    @Test
    void removingSomeoneAsksForTheBoxAndSaysWhatItDid() { // R13
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        Map<String, String> fields = fields("Xanthe", DramaNumbers.mobile(), area);
        Response added = coordinator.submit("/volunteers/new", "/volunteers/new", fields);
        assertThat(coordinator.page(added.getHeader("Location")).select("[role=status]").text()).isEqualTo("Added to the list.");
        String edit = coordinator.page("/volunteers?area=" + area).select("a[href$=/edit]").attr("href");
        String remove = edit.replace("/edit", "/remove");

        Response refused = coordinator.submit(edit, remove, Map.of("reason", "asked_to_leave"));
        assertThat(refused.statusCode()).isEqualTo(400);
        Document asked = Jsoup.parse(refused.asString());
        assertThat(asked.select("[role=alert]").text()).contains("Tick the box to confirm");
        assertThat(asked.select("#firstName").val()).isEqualTo("Xanthe");
        assertThat(coordinator.page("/volunteers?area=" + area).select(".cards li").text()).contains("Xanthe");

        Response removed = coordinator.submit(edit, remove, Map.of("reason", "asked_to_leave", "confirmed", "true"));
        Document list = coordinator.page(removed.getHeader("Location"));
        assertThat(list.select("[role=status]").text()).isEqualTo("Removed from the list. Their number is erased.");
        assertThat(coordinator.page("/volunteers?area=" + area).select(".cards li").text()).doesNotContain("Xanthe");
    }

    @Test
    void deletingAMeetingAsksForTheBoxToo() {
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        Map<String, String> meeting = Map.of("name", "Quiet Harbour Group", "areaId", String.valueOf(area), "weekday", "friday",
                "time", "19:30", "contactName", "Yolanda", "contactPhone", DramaNumbers.mobile(), "venue", "");
        Response added = coordinator.submit("/meetings/new", "/meetings/new", meeting);
        assertThat(coordinator.page(added.getHeader("Location")).select("[role=status]").text()).isEqualTo("Meeting added.");
        String edit = coordinator.page("/meetings?areaId=" + area).select("li:contains(Quiet Harbour Group) a[href$=/edit]")
                .attr("href");
        String delete = edit.replace("/edit", "/delete");
        Response refused = coordinator.submit(edit, delete, Map.of());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(refused.asString()).select("[role=alert]").text()).contains("Tick the box to confirm");
        assertThat(coordinator.page("/meetings?areaId=" + area).text()).contains("Quiet Harbour Group");
        Response deleted = coordinator.submit(edit, delete, Map.of("confirmed", "true"));
        assertThat(coordinator.page(deleted.getHeader("Location")).select("[role=status]").text()).startsWith("Meeting deleted.");
        assertThat(coordinator.page("/meetings?areaId=" + area).text()).doesNotContain("Quiet Harbour Group");
    }

    @Test
    void aRefusedEntryComesBackAsTypedWithTheFieldMarked() {
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        Map<String, String> form = fields("Ulla", "not a number", area);
        Response refused = coordinator.submit("/volunteers/new", "/volunteers/new", form);
        assertThat(refused.statusCode()).isEqualTo(400);
        Document page = Jsoup.parse(refused.asString());
        assertThat(page.select("#phone").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.select("#firstName").val()).isEqualTo("Ulla");
        assertThat(page.select("#phone").val()).isEqualTo("not a number");
        assertThat(page.select("[role=alert]").text()).contains("phone number");
    }

    @Test
    void aMemberJoinsOnlyAfterAcknowledgingTheGuidelinesAndLeavesAtOnce() { // R6, R13
        PageSession member = new PageSession(TestUsers.member("wren"));
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        Map<String, String> form = fields("Wren", DramaNumbers.mobile(), area);
        form.remove("guidelinesAcknowledged");
        Response refused = member.submit("/volunteers/me", "/volunteers/me", form);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(refused.asString()).select("input[name=guidelinesAcknowledged]").attr("aria-invalid"))
                .isEqualTo("true");
        form.put("guidelinesAcknowledged", "true");
        Response joined = member.submit("/volunteers/me", "/volunteers/me", form);
        assertThat(joined.statusCode()).isEqualTo(303);
        assertThat(member.page(joined.getHeader("Location")).select("[role=status]").text()).isEqualTo("You are on the list. Thank you.");
        assertThat(member.page("/volunteers/me").select("#phone").val()).isEqualTo(form.get("phone"));
        Response saved = member.submit("/volunteers/me", "/volunteers/me", form);
        assertThat(member.page(saved.getHeader("Location")).select("[role=status]").text()).isEqualTo("Your entry is saved.");

        // one stray tap erases nothing: the box is ticked first
        Response untickled = member.submit("/volunteers/me", "/volunteers/me/leave", Map.of());
        assertThat(untickled.statusCode()).isEqualTo(400);
        Document asked = Jsoup.parse(untickled.asString());
        assertThat(asked.select("[role=alert]").text()).contains("Tick the box to confirm");
        assertThat(asked.select("input[name=confirmed]").attr("aria-invalid")).isEqualTo("true");
        assertThat(member.page("/volunteers/me").select("#phone").val()).isEqualTo(form.get("phone"));

        Response left = member.submit("/volunteers/me", "/volunteers/me/leave", Map.of("confirmed", "true"));
        assertThat(left.getHeader("Location")).endsWith("/volunteers/me?done=left");
        Document after = member.page("/volunteers/me?done=left");
        assertThat(after.select("[role=status]").text()).contains("number has been erased");
        assertThat(after.select("#phone").val()).isEmpty();
    }

    @Test
    void aMemberGivingAListedNumberSeesTheFormAgainThenTheDaysLimit() { // R4
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        String listed = DramaNumbers.mobile();
        assertThat(coordinator.submit("/volunteers/new", "/volunteers/new", fields("Vera", listed, area)).statusCode())
                .isEqualTo(303);
        PageSession member = new PageSession(TestUsers.member("vic" + org.stepcalls.FreshLetters.of(6)));
        Map<String, String> form = fields("Vic", listed, area);
        for (int i = 0; i < 3; i++) {
            Response refused = member.submit("/volunteers/me", "/volunteers/me", form);
            assertThat(refused.statusCode()).isEqualTo(409);
            Document page = Jsoup.parse(refused.asString());
            assertThat(page.select("#phone").attr("aria-invalid")).isEqualTo("true");
            assertThat(page.select("#firstName").val()).isEqualTo("Vic");
            assertThat(page.select("[role=alert]").text()).contains("already on the list");
        }
        form.put("phone", DramaNumbers.mobile());
        Response limited = member.submit("/volunteers/me", "/volunteers/me", form);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Jsoup.parse(limited.asString()).select("[role=alert]").text()).contains("is a day old");
    }

    @Test
    void membersSeeNeitherTheListNorTheFinder() {
        PageSession member = new PageSession(TestUsers.member("yusuf"));
        assertThat(member.get("/volunteers").statusCode()).isEqualTo(403);
        assertThat(member.get("/contacts").statusCode()).isEqualTo(403);
        assertThat(member.get("/volunteers/import").statusCode()).isEqualTo(403);
        assertThat(member.get("/meetings").statusCode()).isEqualTo(200);
    }

    @Test
    void theFinderShowsNumbersWithTheRulesInView() { // R4, R6, R8
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        ListFixtures.addId(ListFixtures.volunteer("Vic", "male", area));
        PageSession helpliner = new PageSession(TestUsers.helpliner("holly"));
        Document page = helpliner.page("/contacts?areaId=" + area + "&sex=female&requestType=phone");
        assertThat(page.select(".warning").text()).contains("NEVER give a member's number");
        assertThat(page.text()).contains("clean time").contains("Vic");
        assertThat(page.select("[role=status]").text()).contains("YOUR number"); // no woman nearby: indirect route
        assertThat(page.select("a.phone").attr("href")).startsWith("tel:");
    }

    @Test
    void importPageReportsEveryBadLine() {
        Response page = coordinator.get("/volunteers/import");
        String csrf = Jsoup.parse(page.asString()).select("input[name=csrf-token]").val();
        String csv = "firstName,phone,sex,area,cleanDate,canPhone,canVisit\nZed,123,male,Leeds,2001-01-01,true,true\n";
        Response result = given().redirects().follow(false).header("Authorization", TestUsers.bearer(ListFixtures.coordinator()))
                .cookie(PageSession.CSRF_COOKIE, page.getCookie(PageSession.CSRF_COOKIE))
                .multiPart("csrf-token", csrf).multiPart("file", "list.csv", csv.getBytes(), "text/csv")
                .post("/volunteers/import");
        assertThat(result.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(result.asString()).select("ul.rejected li").text()).contains("Line 2").contains("phone");
    }

    private static Map<String, String> fields(String firstName, String phone, long area) {
        Map<String, String> form = new HashMap<>();
        form.put("firstName", firstName);
        form.put("phone", phone);
        form.put("sex", "female");
        form.put("homeAreaId", String.valueOf(area));
        form.put("cleanDate", LocalDate.now().minusYears(2).toString());
        form.put("canPhone", "true");
        form.put("guidelinesAcknowledged", "true");
        form.put("active", "true");
        return form;
    }
}
