package org.stepcalls.forum.people;

import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LikesTest {

    private final ForumApiClient author = People.person("leopold", "member");
    private final ForumApiClient reader = People.person("imogen", "member");
    private final ForumApiClient another = People.person("barnaby", "member");
    private final ForumApiClient coordinator = People.person("cressida", "coordinator", "member");

    @Test
    void oneLikePerPersonCountedAndShownOnThePost() {
        long post = People.firstPost(author, "general", "Meeting went well tonight.");
        reader.post("/api/posts/" + post + "/like", null).statusCode(200).body("likes", equalTo(1)).body("liked", equalTo(true));
        reader.post("/api/posts/" + post + "/like", null).statusCode(200).body("likes", equalTo(1));
        another.post("/api/posts/" + post + "/like", null).statusCode(200).body("likes", equalTo(2));
        long topic = topicOf(post);
        reader.topic(topic).body("posts[0].likes", equalTo(2)).body("posts[0].liked", equalTo(true));
        author.topic(topic).body("posts[0].likes", equalTo(2)).body("posts[0].liked", equalTo(false));
    }

    @Test
    void unlikingTakesTheLikeBack() {
        long post = People.firstPost(author, "general", "Thanks for the lift.");
        reader.post("/api/posts/" + post + "/like", null).statusCode(200);
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + reader.token())
                .delete("/api/posts/" + post + "/like").then().statusCode(200).body("likes", equalTo(0))
                .body("liked", equalTo(false));
    }

    @Test
    void nobodyLikesTheirOwnPost() {
        long post = People.firstPost(author, "general", "My own words.");
        author.post("/api/posts/" + post + "/like", null).statusCode(403);
    }

    @Test
    void aHiddenPostTakesNoLikes() {
        long post = People.firstPost(author, "general", "Something a coordinator hides.");
        coordinator.post("/api/posts/" + post + "/hide", Map.of("reason", "Off topic")).statusCode(200);
        reader.post("/api/posts/" + post + "/like", null).statusCode(409).body("error", equalTo("post_hidden"));
    }

    @Test
    void anUnknownPostIsNotFound() {
        reader.post("/api/posts/987654321/like", null).statusCode(404);
    }

    private long topicOf(long postId) {
        return author.get("/api/users/" + People.username(author)).extract().jsonPath()
                .getLong("recentPosts.find { it.postId == " + postId + " }.topicId");
    }
}
