package org.stepcalls.platform.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;
import org.stepcalls.platform.security.AsDeployed;
import org.stepcalls.platform.security.Nobody;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** As deployed, the app warms up on its own pages, in-process and over HTTP, before it reports ready. */
@QuarkusTest
@TestProfile(AsDeployed.class)
class WarmUpAsDeployedTest {

    @Inject
    @Readiness
    WarmUp warmUp;

    @Inject
    Nobody nobody;

    private static final Path APP_LOG = Path.of("target/stepcalls-test.log");

    @Test
    void everyExerciseRunsWithoutFailingBeforeTheAppReportsReady() throws Exception {
        long logBefore = Files.size(APP_LOG);
        given().get("/q/health/ready").then().statusCode(503); // the warm-up's 10 s have only begun
        WarmUpTest.awaitDone(warmUp);

        assertThat(warmUp.exercisesLeft()).containsExactlyInAnyOrder("the latest page", "the latest page over HTTP");
        assertThat(warmUp.rounds("the latest page")).isPositive();
        assertThat(warmUp.rounds("the latest page over HTTP")).as("the app's own HTTP reached").isPositive();
        assertThat(nobody.isWarmUpKeyLive()).as("no request signs in as nobody once ready").isFalse();
        given().get("/q/health/ready").then().statusCode(200);
        assertThat(given().get("/q/health/ready").jsonPath().getList("checks.name")).contains("Warm-up");

        byte[] log = Files.readAllBytes(APP_LOG);
        assertThat(new String(log, StandardCharsets.UTF_8)).contains("Warming up for 10 s before reporting ready")
                .contains("Warmed up in");
        String sinceThePoll = new String(log, (int) logBefore, log.length - (int) logBefore, StandardCharsets.UTF_8);
        assertThat(sinceThePoll).as("a poll answered DOWN for the warm-up alone is not logged")
                .doesNotContain("Reporting health down status");
    }
}
