package org.stepcalls.forum.api;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.stepcalls.platform.security.TestUsers;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The forum API as a test drives it, signed in with a given token. */
public record ForumApiClient(String token) {

    public ValidatableResponse createTopic(String category, String title, String body) {
        return given().header("Authorization", TestUsers.bearer(token)).contentType(ContentType.JSON)
                .body(Map.of("category", category, "title", title, "body", body))
                .when().post("/api/topics").then();
    }

    public long createTopicId(String category, String title, String body) {
        return createTopic(category, title, body).statusCode(201).extract().jsonPath().getLong("id");
    }

    public ValidatableResponse reply(long topicId, String body) {
        return given().header("Authorization", TestUsers.bearer(token)).contentType(ContentType.JSON)
                .body(Map.of("body", body)).when().post("/api/topics/" + topicId + "/posts").then();
    }

    public ValidatableResponse edit(long postId, String body) {
        return given().header("Authorization", TestUsers.bearer(token)).contentType(ContentType.JSON)
                .body(Map.of("body", body)).when().put("/api/posts/" + postId).then();
    }

    public ValidatableResponse topic(long topicId) {
        return get("/api/topics/" + topicId);
    }

    public ValidatableResponse get(String path) {
        return given().header("Authorization", TestUsers.bearer(token)).when().get(path).then();
    }

    public ValidatableResponse put(String path, Object body) {
        return given().header("Authorization", TestUsers.bearer(token)).contentType(ContentType.JSON).body(body)
                .when().put(path).then().log().ifValidationFails();
    }

    public ValidatableResponse delete(String path) {
        return given().header("Authorization", TestUsers.bearer(token)).when().delete(path).then().log().ifValidationFails();
    }

    public ValidatableResponse post(String path, Object body) {
        // JSON even without a body: REST Assured would otherwise label it a form, which needs a CSRF token
        var request = given().header("Authorization", TestUsers.bearer(token)).contentType(ContentType.JSON);
        if (body != null) {
            request = request.body(body);
        }
        return request.when().post(path).then().log().ifValidationFails();
    }
}
