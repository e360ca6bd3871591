package org.stepcalls.platform.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.stepcalls.calls.api.CallFixtures;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.volunteers.api.ListFixtures;

/**
 * Issue 15: what operators scrape at /q/metrics — on the management port only — is labelled by
 * route template and holds counts, never an id, a name, a number or any text a person typed (R16).
 */
@io.quarkus.test.junit.QuarkusTest
class MetricsTest {

    /** The management interface's port in tests (Quarkus' default test port for it). */
    static final String METRICS = "http://127.0.0.1:9001/q/metrics";
    private static final String PLANTED_NAME = "Zebedina";

    @Test
    void metricsAreServedOnTheManagementPortAloneWithTheOperatorsFigures() {
        given().get("/q/metrics").then().statusCode(404); // not on the public port
        given().get("/").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200); // the load balancer's check stays public
        String metrics = scrape();
        assertThat(metrics).contains("http_server_requests_seconds_count").contains("agroal_active_count")
                .contains("agroal_available_count").contains("stepcalls_overdue_calls")
                .contains("stepcalls_purge_last_run_timestamp_seconds").contains("stepcalls_purged_calls_total")
                .contains("stepcalls_backlog{queue=\"test_queue\"} 3.0") // a feature's queue, through the Backlog hook
                .contains("stepcalls_backlog{queue=\"email_outbox\"}"); // the e-mails waiting to go out
    }

    @Test
    void labelsHoldRouteTemplatesNeverIdsNamesNumbersOrText() throws Exception {
        ForumApiClient helen = new ForumApiClient(TestUsers.helpliner("hermione"));
        String number = DramaNumbers.mobile();
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        Map<String, Object> intake = CallFixtures.intake(area, PLANTED_NAME, number);
        intake.put("notes", PLANTED_NAME + " rings from the bus station");
        long call = helen.post("/api/calls", intake).statusCode(201).extract().jsonPath().getLong("topicId");
        long topic = helen.createTopicId("general", "Metrics topic", "Talk about " + PLANTED_NAME);
        helen.reply(topic, "A reply naming " + PLANTED_NAME).statusCode(201);
        // each a path with an id in it: found, missing, refused, signed out, redirected to sign in
        helen.get("/api/topics/" + topic).statusCode(200);
        helen.get("/api/topics/987654321").statusCode(404);
        helen.get("/api/calls/" + call).statusCode(200);
        helen.post("/api/calls/" + call + "/caller-phone", null).statusCode(200);
        given().get("/api/topics/" + topic).then().statusCode(401);
        given().redirects().follow(false).get("/t/" + topic).then().statusCode(302);
        given().header("Authorization", TestUsers.bearer(TestUsers.helpliner("hermione"))).get("/t/" + topic).then()
                .statusCode(200);
        given().header("Authorization", TestUsers.bearer(TestUsers.helpliner("hermione"))).get("/t/987654321").then()
                .statusCode(404);
        given().get("/no/such/" + PLANTED_NAME + "/" + number.replace(" ", "")).then().statusCode(404);
        given().header("Authorization", TestUsers.bearer(TestUsers.member("mabel"))).get("/api/calls/" + call).then()
                .statusCode(404);
        new ForumApiClient(TestUsers.helpliner("hattie")).post("/api/calls/" + call + "/caller-phone", null).statusCode(403);

        String metrics = scrape();
        List<String> uris = labelValues(metrics, "uri");
        assertThat(uris).as("route templates").contains("/api/topics/{id}", "/t/{id}");
        for (String uri : uris) {
            assertThat(uri).as("a uri label holds a template, never an id").doesNotContainPattern("\\d");
        }
        List<String> planted = new ArrayList<>(DramaNumbers.spellings(number));
        planted.add(PLANTED_NAME);
        planted.add("bus station");
        String log = Files.readString(Path.of("target/stepcalls-test.log"));
        for (String value : planted) {
            assertThat(metrics).as("metrics hold a caller detail").doesNotContain(value);
            assertThat(log).as("the log holds a caller detail").doesNotContain(value);
        }
        assertThat(metrics).as("the id of nothing, requested twice").doesNotContain("987654321");
    }

    static String scrape() {
        return given().get(METRICS).then().statusCode(200).extract().asString();
    }

    /** Every value of the named label(s) in the Prometheus text. */
    static List<String> labelValues(String metrics, String labelName) {
        List<String> values = new ArrayList<>();
        Matcher label = Pattern.compile("[{,](" + labelName + ")=\"([^\"]*)\"").matcher(metrics);
        while (label.find()) {
            values.add(label.group(2));
        }
        return values;
    }
}
