package org.stepcalls.platform.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
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
    private static final String DATABASE = "{\"name\":\"Database connections health check\",\"status\":";

    @Test
    void everyExerciseRunsWithoutFailingBeforeTheAppReportsReady() throws Exception {
        WarmUpTest.awaitDone(warmUp);

        assertThat(warmUp.exercisesLeft()).containsExactlyInAnyOrder("the latest page", "the latest page over HTTP");
        assertThat(warmUp.rounds("the latest page")).isPositive();
        assertThat(warmUp.rounds("the latest page over HTTP")).as("the app's own HTTP reached").isPositive();
        assertThat(nobody.isWarmUpKeyLive()).as("no request signs in as nobody once ready").isFalse();
        given().get("/q/health/ready").then().statusCode(200);
        assertThat(given().get("/q/health/ready").jsonPath().getList("checks.name")).contains("Warm-up");

        assertThat(Files.readString(APP_LOG)).contains("Warming up for 10 s before reporting ready").contains("Warmed up in");
    }

    /** Through SmallRye Health's own message logger, as a readiness poll answered DOWN writes it. */
    @Test
    void aPollDownForTheWarmUpAloneIsLeftOutOfTheLogAndTheDatabaseDownIsNot() throws Exception {
        Field logger = Class.forName("io.smallrye.health.HealthLogging").getField("logger");
        logger.setAccessible(true); // the interface is package-private
        Object healthLog = logger.get(null);
        Method healthDownStatus = healthLog.getClass().getMethod("healthDownStatus", String.class);
        healthDownStatus.setAccessible(true);
        long before = Files.size(APP_LOG);

        healthDownStatus.invoke(healthLog, "{\"status\":\"DOWN\",\"checks\":[" + DATABASE + "\"UP\"},"
                + "{\"name\":\"Warm-up\",\"status\":\"DOWN\",\"data\":{\"seconds left\":7}}]}");
        healthDownStatus.invoke(healthLog, "{\"status\":\"DOWN\",\"checks\":[" + DATABASE + "\"DOWN\"},"
                + "{\"name\":\"Warm-up\",\"status\":\"DOWN\",\"data\":{\"seconds left\":6}}]}");

        byte[] log = Files.readAllBytes(APP_LOG);
        String logged = new String(log, (int) before, log.length - (int) before, StandardCharsets.UTF_8)
                .replace("\\\"", "\""); // the test log is JSON lines: the message's quotes come escaped
        assertThat(logged).as("the database's DOWN is logged").contains(DATABASE + "\"DOWN\"");
        assertThat(logged.split("Reporting health down status", -1)).as("and only that poll").hasSize(2);
    }
}
