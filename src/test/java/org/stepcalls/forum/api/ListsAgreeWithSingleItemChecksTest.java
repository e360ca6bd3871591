package org.stepcalls.forum.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Over a fabricated data set spanning every category, each list endpoint returns exactly what the
 * single-item check allows (Discourse's Guardian consistency spec).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListsAgreeWithSingleItemChecksTest {

    private static final String WORD = "quokkabridge";

    private final Map<String, ForumApiClient> actors = Map.of(
            "member", new ForumApiClient(TestUsers.member("lena")),
            "helpliner", new ForumApiClient(TestUsers.helpliner("hugo")),
            "coordinator", new ForumApiClient(TestUsers.coordinator("cora")),
            "admin", new ForumApiClient(TestUsers.admin("adam")),
            "no-role", new ForumApiClient(TestUsers.token("nora")));

    private final List<Long> fabricated = new ArrayList<>();

    @Inject
    EntityManager entityManager;

    /** Once per class; in {@code @BeforeEach} because the HTTP port is only known by then. */
    @BeforeEach
    void fabricateTopicsInEveryCategory() {
        if (!fabricated.isEmpty()) {
            return;
        }
        for (int i = 0; i < 3; i++) {
            fabricated.add(actors.get("coordinator").createTopicId("announcements", "Notice " + i + " " + WORD, "Body " + WORD));
            fabricated.add(actors.get("member").createTopicId("general", "Chat " + i + " " + WORD, "Body " + WORD));
            fabricated.add(actors.get("helpliner").createTopicId("helpliners", "Rota " + i + " " + WORD, "Body " + WORD));
            fabricated.add(insertCallsBoardTopic("Call " + i + " " + WORD));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "member", "helpliner", "coordinator", "admin", "no-role" })
    void latestListHoldsExactlyTheTopicsTheActorMayOpen(String actor) {
        ForumApiClient client = actors.get(actor);
        Set<Long> listed = new HashSet<>();
        String cursor = null;
        do {
            JsonPath page = client.get("/api/topics" + (cursor == null ? "" : "?before=" + cursor)).statusCode(200)
                    .extract().jsonPath();
            listed.addAll(page.getList("topics.id", Long.class));
            cursor = page.getString("next");
        } while (cursor != null);

        for (long id : fabricated) {
            int status = client.topic(id).extract().statusCode();
            assertThat(status).as("GET topic %d as %s", id, actor).isIn(200, 404);
            assertThat(listed.contains(id)).as("topic %d listed for %s", id, actor).isEqualTo(status == 200);
        }
        for (long id : listed) {
            client.topic(id).statusCode(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "member", "helpliner", "coordinator", "admin", "no-role" })
    void searchFindsExactlyTheTopicsTheActorMayOpen(String actor) {
        ForumApiClient client = actors.get(actor);
        Set<Long> found = new HashSet<>(client.get("/api/search?q=" + WORD).statusCode(200).extract().jsonPath()
                .getList("results.topicId", Long.class));
        for (long id : fabricated) {
            boolean readable = client.topic(id).extract().statusCode() == 200;
            assertThat(found.contains(id)).as("topic %d found by %s", id, actor).isEqualTo(readable);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "member", "helpliner", "coordinator", "admin", "no-role" })
    void categoryListHoldsExactlyTheCategoriesTheActorMayOpen(String actor) {
        ForumApiClient client = actors.get(actor);
        List<String> listed = client.get("/api/categories").statusCode(200).extract().jsonPath().getList("slug");
        for (String slug : List.of("announcements", "general", "helpliners", "12th-step-calls")) {
            int status = client.get("/api/topics?category=" + slug).extract().statusCode();
            assertThat(listed.contains(slug)).as("%s listed for %s", slug, actor).isEqualTo(status == 200);
        }
    }

    /** The calls board (a later feature) opens these; here they are written straight to the tables. */
    private long insertCallsBoardTopic(String title) {
        actors.get("helpliner").get("/api/categories").statusCode(200); // makes sure hugo's account exists
        return QuarkusTransaction.requiringNew().call(() -> {
            OffsetDateTime now = OffsetDateTime.now();
            Number topic = (Number) entityManager.createNativeQuery("""
                    INSERT INTO topics (category_id, title, opener_id, posts_count, created_at, last_activity_at)
                    SELECT c.id, ?1, a.id, 1, ?2, ?2 FROM categories c, accounts a
                    WHERE c.slug = '12th-step-calls' AND a.subject = 'sub-hugo' RETURNING id""")
                    .setParameter(1, title).setParameter(2, now).getSingleResult();
            entityManager.createNativeQuery("""
                    INSERT INTO posts (topic_id, post_number, author_id, body, html, created_at)
                    SELECT ?1, 1, a.id, ?2, ?2, ?3 FROM accounts a WHERE a.subject = 'sub-hugo'""")
                    .setParameter(1, topic.longValue()).setParameter(2, "Body " + WORD).setParameter(3, now)
                    .executeUpdate();
            return topic.longValue();
        });
    }
}
