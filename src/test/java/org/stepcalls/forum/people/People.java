package org.stepcalls.forum.people;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stepcalls.FreshLetters;
import org.stepcalls.calls.api.CallFixtures;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Fictional people for the people features' tests, and the posts they act on. */
final class People {

    private People() {
    }

    /** A person of these roles whose token's preferred_username is {@code name}. */
    static ForumApiClient person(String name, String... roles) {
        return new ForumApiClient(TestUsers.token(name, roles));
    }

    /** Someone new each time: same preferred_username, a subject of their own. */
    static ForumApiClient namesake(String name, String subject, String... roles) {
        return new ForumApiClient(OidcWiremockTestResource.generateJwtToken(name, Set.of(roles), subject, "Bearer"));
    }

    static String username(ForumApiClient person) {
        return person.get("/api/me/username").statusCode(200).extract().jsonPath().getString("username");
    }

    /** A topic by {@code author} in {@code category}; its first post's id. */
    static long firstPost(ForumApiClient author, String category, String body) {
        long topic = author.createTopicId(category, "People test topic", body);
        return postIds(author, topic).get(0);
    }

    static List<Long> postIds(ForumApiClient reader, long topicId) {
        return reader.topic(topicId).statusCode(200).extract().jsonPath().getList("posts.id", Long.class);
    }

    static long replyId(ForumApiClient author, long topicId, String body) {
        return author.reply(topicId, body).statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A 12th Step call opened by {@code opener} (a helpliner): its topic id. */
    static long call(ForumApiClient opener) {
        return opener.post("/api/calls", CallFixtures.intake(area())).statusCode(201).extract().jsonPath().getLong("topicId");
    }

    static List<Map<String, Object>> notifications(ForumApiClient person) {
        return person.get("/api/notifications").statusCode(200).extract().jsonPath().getList("$");
    }

    static long mentionsOf(ForumApiClient person, long topicId) {
        return notifications(person).stream()
                .filter(n -> "mention".equals(n.get("kind")) && ((Number) n.get("topicId")).longValue() == topicId).count();
    }

    /**
     * One area for these tests' calls, far north of the list tests' parallels, made with a token of
     * its own: a token made once for a whole run outlives its five minutes on a slow machine.
     */
    private static synchronized long area() {
        if (area == null) {
            String suffix = FreshLetters.of(10);
            area = person("peoplecoordinator", "coordinator", "member")
                    .post("/api/areas", Map.of("name", "Peopleton " + suffix, "region", "Testshire", "latitude", 80.0,
                            "longitude", 0.0))
                    .statusCode(201).extract().jsonPath().getLong("id");
        }
        return area;
    }

    private static Long area;
}
