package org.stepcalls.forum.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Search finds the newest matches block by block (V25's post_search_newest over V22's recency lexemes):
 * these words sit only in posts older than the first blocks, behind 2,100 newer posts that hold none
 * of them; "quince" is in every ninth of 1,500 older posts, added by an edit.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchWindowsTest {

    private static final int OLD_MATCHES = 250; // more than the candidates ranked (200)
    private static final int NEWER_POSTS = 2100; // more than the first window holds

    private final ForumApiClient sia = new ForumApiClient(TestUsers.member("sia"));
    private final ForumApiClient hana = new ForumApiClient(TestUsers.helpliner("hana"));

    @Inject
    EntityManager entityManager;

    private long ocarinaPost;
    private long readableDulcimerPost;
    private List<Long> samovarPosts;
    private List<Long> helplinersDulcimerPosts;

    /** Once per class; in {@code @BeforeEach} because the HTTP port is only known by then. */
    @BeforeEach
    void writeOldMatchesBehindNewerPosts() {
        if (samovarPosts != null) {
            return;
        }
        long general = sia.createTopicId("general", "Allotment notes", "Seed potatoes are in.");
        long helpliners = hana.createTopicId("helpliners", "Rota notes", "Swap requests here.");
        ocarinaPost = insertPosts(general, "sia", "Bring the ocarina, note %s.", 1).get(0);
        readableDulcimerPost = insertPosts(general, "sia", "Who tuned the dulcimer? Note %s.", 1).get(0);
        samovarPosts = insertPosts(general, "sia", "Old note %s: the samovar needs descaling.", OLD_MATCHES);
        helplinersDulcimerPosts = insertPosts(helpliners, "hana", "Rota note %s: the dulcimer is in the office.", OLD_MATCHES);
        List<Long> mixed = insertPosts(general, "sia", "Mixed note %s.", 1500);
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "UPDATE posts SET body = body || ' The quince is ripe.' WHERE id = ANY (?1) AND id % 9 = 0")
                .setParameter(1, mixed.toArray(Long[]::new)).executeUpdate());
        insertPosts(general, "sia", "Newer note %s, nothing to see.", NEWER_POSTS);
    }

    @Test
    void aWordCommonInOldPostsButAbsentFromTheNewestIsFoundNewestFirst() {
        List<Long> found = sia.get("/api/search?q=samovar").statusCode(200).extract().jsonPath()
                .getList("results.postId", Long.class);
        // all rank alike (one body hit each), so newest first: the 50 newest of them, in order
        List<Long> newestFirst = new ArrayList<>(samovarPosts);
        Collections.reverse(newestFirst);
        assertThat(found).containsExactlyElementsOf(newestFirst.subList(0, 50));
    }

    @Test
    void aRareWordInAnOldPostIsFound() {
        assertThat(sia.get("/api/search?q=ocarina").statusCode(200).extract().jsonPath().getList("results.postId", Long.class))
                .containsExactly(ocarinaPost);
    }

    @Test
    void aWordNobodyWroteFindsNothing() {
        assertThat(sia.get("/api/search?q=zeppelinquay").statusCode(200).extract().jsonPath().getList("results")).isEmpty();
        // stop words only: nothing, not every post of the newest window
        assertThat(sia.get("/api/search?q=the").statusCode(200).extract().jsonPath().getList("results")).isEmpty();
    }

    @Test
    void newerMatchesSomeoneCannotReadNeitherShowNorCrowdOutTheOneTheyCan() { // R2: only readable categories
        assertThat(sia.get("/api/search?q=dulcimer").statusCode(200).extract().jsonPath().getList("results.postId", Long.class))
                .containsExactly(readableDulcimerPost);
        List<Long> helplinerFinds = hana.get("/api/search?q=dulcimer").statusCode(200).extract().jsonPath()
                .getList("results.postId", Long.class);
        assertThat(helplinerFinds).hasSize(50).first().isEqualTo(helplinersDulcimerPosts.get(OLD_MATCHES - 1));
    }

    @Test
    void theCandidatesAreExactlyTheNewestMatchesHoweverManyAreWanted() { // R2: only readable categories
        for (String words : List.of("samovar", "dulcimer", "note", "quince", "ocarina", "zeppelinquay", "rota note",
                "\"old note\"", "note -quince", "the")) {
            for (int wanted : List.of(1, 7, 30, 200, 600)) {
                for (String readable : List.of("general", "general,helpliners")) {
                    assertThat(newestMatchesBlockByBlock(words, wanted, readable)).as("%s, %d, %s", words, wanted, readable)
                            .containsExactlyInAnyOrderElementsOf(newestMatchesOneByOne(words, wanted, readable));
                }
            }
        }
    }

    @Test
    void aWordInEveryNinthOlderPostIsFoundNewestFirst() {
        List<Long> found = sia.get("/api/search?q=quince").statusCode(200).extract().jsonPath()
                .getList("results.postId", Long.class);
        assertThat(found).hasSize(50).isEqualTo(newestMatchesOneByOne("quince", 50, "general"));
    }

    private List<Long> newestMatchesBlockByBlock(String words, int wanted, String readable) {
        return ids("""
                SELECT unnest(post_search_newest(websearch_to_tsquery('english', ?1),
                       ARRAY(SELECT id FROM categories WHERE slug = ANY (string_to_array(?3, ','))), ?2))""",
                words, wanted, readable);
    }

    /** The plain definition: every match, newest first. */
    private List<Long> newestMatchesOneByOne(String words, int wanted, String readable) {
        return ids("""
                SELECT post_id FROM post_search, websearch_to_tsquery('english', ?1) q
                WHERE (body_vector @@ q OR title_vector @@ q) AND numnode(q) > 0
                  AND category_id IN (SELECT id FROM categories WHERE slug = ANY (string_to_array(?3, ',')))
                ORDER BY post_id DESC LIMIT ?2""", words, wanted, readable);
    }

    @SuppressWarnings("unchecked")
    private List<Long> ids(String sql, String words, int wanted, String readable) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Number>) entityManager.createNativeQuery(sql)
                .setParameter(1, words).setParameter(2, wanted).setParameter(3, readable).getResultList())
                .stream().map(Number::longValue).toList());
    }

    /** Written straight to the table (thousands of posts); the triggers fill the search table as for any post. */
    private List<Long> insertPosts(long topic, String author, String bodyPattern, int count) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Number> ids = entityManager.createNativeQuery("""
                    INSERT INTO posts (topic_id, post_number, author_id, body, html, created_at)
                    SELECT ?1, (SELECT max(post_number) FROM posts WHERE topic_id = ?1) + g, a.id,
                           format(?2, g), format(?2, g), now()
                    FROM generate_series(1, ?3) g, accounts a WHERE a.subject = ?4
                    ORDER BY g RETURNING id""")
                    .setParameter(1, topic).setParameter(2, bodyPattern).setParameter(3, count)
                    .setParameter(4, "sub-" + author).getResultList();
            return ids.stream().map(Number::longValue).sorted().toList();
        });
    }
}
