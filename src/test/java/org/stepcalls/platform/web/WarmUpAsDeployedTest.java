package org.stepcalls.platform.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;
import org.stepcalls.platform.security.AsDeployed;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** As deployed, the app renders its pages in-process before it reports ready, and every exercise works. */
@QuarkusTest
@TestProfile(AsDeployed.class)
class WarmUpAsDeployedTest {

    @Inject
    @Readiness
    WarmUp warmUp;

    @Test
    void everyExerciseRunsWithoutFailingBeforeTheAppReportsReady() throws Exception {
        WarmUpTest.awaitDone(warmUp);

        assertThat(warmUp.exercisesLeft()).containsExactlyInAnyOrder("the latest page", "the front page over HTTP");
        assertThat(warmUp.rounds("the latest page")).isPositive();
        assertThat(warmUp.rounds("the front page over HTTP")).as("the app's own HTTP reached").isPositive();
        given().get("/q/health/ready").then().statusCode(200);
        assertThat(given().get("/q/health/ready").jsonPath().getList("checks.name")).contains("Warm-up");
    }
}
