package org.stepcalls.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void readinessReportsTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiDescribesTheForumApi() {
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/topics")).body(containsString("/api/search"));
    }

    @Test
    void unknownApiPathsAnswerWithTheJsonError() {
        given().get("/api/no-such-thing").then().statusCode(404).body("error", equalTo("not_found"));
    }
}
