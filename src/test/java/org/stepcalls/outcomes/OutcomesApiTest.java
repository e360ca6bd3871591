package org.stepcalls.outcomes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** R20: members see aggregates of the anonymised records; any count below 5 is "<5". */
@QuarkusTest
class OutcomesApiTest {

    private final ForumApiClient member = new ForumApiClient(TestUsers.member("meredith"));

    @Inject
    EntityManager entityManager;

    @Test
    void smallCountsAreShownAsFewerThanFiveWithNothingElseAboutThem() {
        for (int i = 0; i < 6; i++) {
            record("2031-W10", "Northshire", "phone", "volunteer_phoned", i + 1);
        }
        record("2031-W10", "Northshire", "visit", "caller_declined", 3);
        record("2031-W10", "Northshire", "visit", "caller_declined", 4);
        List<Map<String, Object>> weeks = member.get("/api/outcomes?from=2031-W10&to=2031-W10").statusCode(200)
                .extract().jsonPath().getList("weeks");
        Map<String, Object> many = weeks.stream().filter(w -> w.get("outcome").equals("volunteer_phoned")).findFirst().orElseThrow();
        assertThat(many).containsEntry("count", 6).containsEntry("week", "2031-W10").containsEntry("region", "Northshire");
        assertThat(((Number) many.get("medianHoursToClose")).doubleValue()).isEqualTo(3.5);
        Map<String, Object> few = weeks.stream().filter(w -> w.get("outcome").equals("caller_declined")).findFirst().orElseThrow();
        assertThat(few).containsEntry("count", "<5");
        assertThat(few.get("medianHoursToClose")).isNull();
        assertThat(few.get("sameSexMatchRate")).isNull();
        assertThat(weeks).allSatisfy(w -> assertThat(w.keySet()).containsExactlyInAnyOrder("week", "region", "requestType",
                "outcome", "count", "medianHoursToClose", "sameSexMatchRate"));
    }

    @Test
    void monthsWeeksAndBadRanges() {
        record("2031-W20", "Southshire", "phone", "referred_to_meeting", 2);
        member.get("/api/outcomes?from=2031-W20&to=2031-W20&by=month").statusCode(200)
                .body("months[0].month", org.hamcrest.Matchers.equalTo("2031-05"));
        member.get("/api/outcomes?from=2031-W30&to=2031-W20").statusCode(400);
        member.get("/api/outcomes?from=last-week").statusCode(400);
        member.get("/api/outcomes?by=year").statusCode(400);
        given().get("/api/outcomes").then().statusCode(401);
    }

    @Test
    void theOutcomesPageDrawsTheChartAndTheTableWithSmallCountsHidden() {
        record("2031-W30", "Eastshire", "phone", "caller_unreachable", 1);
        var page = org.jsoup.Jsoup.parse(given().header("Authorization", TestUsers.bearer(member.token()))
                .get("/outcomes?from=2031-W30&to=2031-W30").then().statusCode(200).extract().asString());
        assertThat(page.select("svg.chart rect")).hasSize(OutcomeReport.OUTCOMES.size());
        assertThat(page.select("svg.chart").text()).contains("Caller unreachable").contains("<5");
        assertThat(page.select("table td").eachText()).contains("Eastshire", "<5").doesNotContain("1");
        given().header("Authorization", TestUsers.bearer(member.token())).redirects().follow(false).get("/admin/purge")
                .then().statusCode(403);
        given().header("Authorization", TestUsers.bearer(TestUsers.admin("ada"))).get("/admin/purge").then().statusCode(200);
    }

    private void record(String week, String region, String requestType, String outcome, double hours) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                INSERT INTO outcome_records (iso_week, region, request_type, outcome, attempts_count, same_sex_match, hours_to_close)
                VALUES (?1, ?2, ?3, ?4, 2, true, ?5)""").setParameter(1, week).setParameter(2, region)
                .setParameter(3, requestType).setParameter(4, outcome).setParameter(5, hours).executeUpdate());
    }
}
