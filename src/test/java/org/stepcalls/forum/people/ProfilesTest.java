package org.stepcalls.forum.people;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProfilesTest {

    private final ForumApiClient member = People.person("philippa", "member");
    private final ForumApiClient coordinator = People.person("crispin", "coordinator", "member");

    @Test
    void aProfileShowsOnlyPostsTheViewerMayReadAndNothingOfTheCallsBoard() { // R16
        ForumApiClient helpliner = People.namesake("Hyacinth", "sub-" + UUID.randomUUID(), "helpliner", "member");
        String name = People.username(helpliner);
        long general = People.firstPost(helpliner, "general", "Hello all.");
        long rota = People.firstPost(helpliner, "helpliners", "Shift swap please.");
        long call = People.call(helpliner);
        People.replyId(helpliner, call, "Left a message with the meeting contact.");

        coordinator.get("/api/users/" + name).statusCode(200)
                .body("username", equalTo(name)).body("name", equalTo("Hyacinth")).body("joinedAt", notNullValue())
                .body("postsCount", equalTo(2))
                .body("recentPosts.postId", hasItem((int) general)).body("recentPosts.postId", hasItem((int) rota))
                .body("recentPosts", hasSize(2))
                .body("recentPosts.category", everyItem(not(is("12th-step-calls"))));
        member.get("/api/users/" + name).statusCode(200).body("postsCount", equalTo(1))
                .body("recentPosts.postId", equalTo(java.util.List.of((int) general)));
        helpliner.get("/api/users/" + name).statusCode(200).body("postsCount", equalTo(2)).body("canChangeUsername", equalTo(true));
    }

    @Test
    void everyPostAProfileListsIsOneTheViewerMayOpen() { // the list agrees with the single-item check
        ForumApiClient helpliner = People.namesake("Jessamy", "sub-" + UUID.randomUUID(), "helpliner", "member");
        People.firstPost(helpliner, "general", "Open to all.");
        People.firstPost(helpliner, "helpliners", "Helpliners only.");
        People.replyId(helpliner, People.call(helpliner), "Call advice.");
        for (ForumApiClient viewer : java.util.List.of(member, coordinator, helpliner)) {
            java.util.List<Integer> topics = viewer.get("/api/users/" + People.username(helpliner)).statusCode(200)
                    .extract().jsonPath().getList("recentPosts.topicId", Integer.class);
            topics.forEach(topic -> viewer.topic(topic).statusCode(200));
        }
    }

    @Test
    void hiddenPostsLeaveTheProfile() {
        ForumApiClient author = People.namesake("Ignatius", "sub-" + UUID.randomUUID(), "member");
        long post = People.firstPost(author, "general", "To be hidden.");
        coordinator.post("/api/posts/" + post + "/hide", Map.of("reason", "Off topic")).statusCode(200);
        member.get("/api/users/" + People.username(author)).body("postsCount", equalTo(0)).body("recentPosts", hasSize(0));
    }
}
