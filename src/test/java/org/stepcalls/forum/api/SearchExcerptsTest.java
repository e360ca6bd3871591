package org.stepcalls.forum.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.FreshLetters;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SearchExcerptsTest {

    private final ForumApiClient ines = new ForumApiClient(TestUsers.member("ines"));

    @Inject
    EntityManager entityManager;

    @Test
    void anExcerptShowsTheSourceAsItIsNeverJoiningWhatATagLikeRunKeepsApart() { // R16
        // PostgreSQL's ts_headline (which cut excerpts before SearchExcerpt) showed a tag as a space:
        // "07700<tr x y z>900123" read "07700 900123". The excerpt is the source as written.
        // Today's redactor removes such a source; a body stored before it did is what this writes directly.
        String word = "zither" + FreshLetters.of(8);
        long topic = ines.createTopicId("general", "Music night", "Bring the " + word + " tonight.");
        long post = ines.topic(topic).extract().jsonPath().getLong("posts[0].id");
        String stored = "Bring the " + word + " tonight, the hall is 07700<tr x y z>900123 <b>upstairs</b>.";
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("UPDATE posts SET body = ?1 WHERE id = ?2")
                .setParameter(1, stored).setParameter(2, post).executeUpdate());

        String excerpt = ines.get("/api/search?q=" + word).statusCode(200).extract().jsonPath().getString("results[0].excerpt");

        assertThat(excerpt).contains("07700<tr x y z>900123").doesNotContain("07700 900123").contains("<b>upstairs");
    }

    @Test
    void aLongPostsExcerptShowsItsMatchInItsSentence() {
        String word = "zither" + FreshLetters.of(8) + "t"; // searched as "…ts": the stemmer keeps a random "…us" or "…ss" whole
        String before = "We meet upstairs in the community centre, the door by the car park, and tea is on from seven. ".repeat(4);
        ines.createTopicId("general", "Music night", before + "Someone plays the " + word + " after the meeting closes.");

        String excerpt = ines.get("/api/search?q=" + word + "s").statusCode(200).extract().jsonPath().getString("results[0].excerpt");

        assertThat(excerpt).startsWith("…").contains("tea is on from seven. Someone plays the " + word + " after the meeting closes.");
    }
}
