package org.stepcalls.members;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.platform.security.UsernameSuggester;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** GDPR Art. 15/17/20: a member downloads their data and deletes their account. */
@QuarkusTest
class MyDataTest {

    @Inject
    EntityManager entityManager;

    @Test
    void aMemberGetsACopyOfTheirDataThenErasesTheAccountButTheirPostsStay() {
        String token = TestUsers.member("gudrun");
        ForumApiClient gudrun = new ForumApiClient(token);
        long topic = gudrun.createTopicId("general", "My share", "Grateful today");
        Map<String, Object> entry = ListFixtures.volunteer("Gudrun", "female", ListFixtures.area(ListFixtures.origin(), 0));
        given().header("Authorization", TestUsers.bearer(token)).contentType(ContentType.JSON).body(entry)
                .put("/api/volunteers/me").then().statusCode(200);

        JsonPath copy = gudrun.get("/api/me/data").statusCode(200).header("Content-Disposition",
                org.hamcrest.Matchers.containsString("attachment")).extract().jsonPath();
        assertThat(copy.getString("displayName")).isEqualTo("gudrun");
        assertThat(copy.getList("posts.body")).contains("Grateful today");
        assertThat(copy.getString("listEntry.phone")).isEqualTo(entry.get("phone"));

        given().header("Authorization", TestUsers.bearer(token)).delete("/api/me").then().statusCode(204);

        ForumApiClient someoneElse = new ForumApiClient(TestUsers.member("hilde"));
        someoneElse.topic(topic).statusCode(200).body("openerName", org.hamcrest.Matchers.equalTo("former member"))
                .body("posts[0].body", org.hamcrest.Matchers.equalTo("Grateful today"));
        long rows = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM volunteers v JOIN accounts a ON a.id = v.account_id WHERE a.display_name = 'former member'")
                .getSingleResult()).longValue());
        assertThat(rows).isZero();
        // signing in again with the same identity starts afresh
        JsonPath fresh = gudrun.get("/api/me/data").statusCode(200).extract().jsonPath();
        assertThat(fresh.getList("posts")).isEmpty();
        assertThat(fresh.getString("listEntry")).isNull();
    }

    @Test
    void othersNotificationsAboutAnErasedMembersPostsStopNamingThem() { // GDPR Art. 17
        // a title holding the words the rewrite looks for: only the name before the first is replaced
        String title = "Who replied in your topic “walks”?";
        Erased erased = replyMentionAndErase(TestUsers::member, "general", title, false);
        assertThat(erased.toldOpener()).contains("A former member replied in your topic “" + title + "”.")
                .doesNotContain(erased.name());
        assertThat(erased.toldMentioned()).contains("@" + UsernameSuggester.erased(erased.id()) + " mentioned you in topic #")
                .doesNotContain(erased.username()).doesNotContain(erased.name());
    }

    @Test
    void aNameHoldingTheWordsTheRewriteLooksForGoesWhole() { // GDPR Art. 17
        Erased erased = replyMentionAndErase(TestUsers::member, "general", "Walks", false, " replied in your topic “Kettlewell",
                false);
        assertThat(erased.toldOpener()).contains("A former member replied in your topic “Walks”.").doesNotContain("Kettlewell");
        Erased renamed = replyMentionAndErase(TestUsers::helpliner, "helpliners", "Rota", false,
                " replied in a topic you started in Ilk", true);
        assertThat(renamed.toldOpener()).contains("A former member replied in a topic you started in Helpliners.")
                .doesNotContain("Ilk").doesNotContain("lothar");
    }

    /** Notifications from before they kept their post (V31) learn it from V32's backfill, and are rewritten too. */
    @Test
    void notificationsWrittenBeforeTheyKeptTheirPostStopNamingThemToo() throws Exception { // GDPR Art. 17
        Erased erased = replyMentionAndErase(TestUsers::helpliner, "helpliners", "Rota swaps", true);
        assertThat(erased.toldOpener()).contains("A former member replied in a topic you started in Helpliners.")
                .doesNotContain(erased.name());
        assertThat(erased.toldMentioned()).contains("@" + UsernameSuggester.erased(erased.id()) + " mentioned you in topic #")
                .doesNotContain(erased.username()).doesNotContain(erased.name());
    }

    private record Erased(long id, String name, String username, String toldOpener, String toldMentioned) {
    }

    /**
     * In {@code category}, someone replies in another's topic mentioning a third, then erases their account;
     * {@code writtenBeforeV31}: the notifications lose their post first and V32's backfill runs again.
     */
    private Erased replyMentionAndErase(java.util.function.Function<String, String> person, String category, String title,
            boolean writtenBeforeV31) {
        return replyMentionAndErase(person, category, title, writtenBeforeV31, "", false);
    }

    private Erased replyMentionAndErase(java.util.function.Function<String, String> person, String category, String title,
            boolean writtenBeforeV31, String nameTail, boolean renamedSince) {
        String name = "lothar" + org.stepcalls.FreshLetters.of(6) + nameTail;
        String token = person.apply(name);
        ForumApiClient leaving = new ForumApiClient(token);
        ForumApiClient opener = new ForumApiClient(person.apply("odalys" + org.stepcalls.FreshLetters.of(6)));
        ForumApiClient mentioned = new ForumApiClient(person.apply("mireille" + org.stepcalls.FreshLetters.of(6)));
        String mentionedName = mentioned.get("/api/me/username").statusCode(200).extract().jsonPath().getString("username");
        String username = leaving.get("/api/me/username").statusCode(200).extract().jsonPath().getString("username");
        long topic = opener.createTopicId(category, title, "Who is coming?");
        leaving.reply(topic, "I am, and so is @" + mentionedName + ".").statusCode(201);
        assertThat(texts(opener)).contains(name + " replied in").doesNotContain("A former member");
        assertThat(texts(mentioned)).contains("@" + username + " mentioned you");
        long id = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT id FROM accounts WHERE display_name = ?1").setParameter(1, name).getSingleResult()).longValue());
        if (writtenBeforeV31) {
            QuarkusTransaction.requiringNew().run(() -> {
                entityManager.createNativeQuery("UPDATE notifications SET post_id = NULL WHERE topic_id = ?1")
                        .setParameter(1, topic).executeUpdate();
                for (String statement : migration("V32__notification_post_backfill.sql")) {
                    entityManager.createNativeQuery(statement).executeUpdate();
                }
            });
        }
        // renamed since: they erase their account signed in under another name than the notifications hold
        String erasing = renamedSince ? TestUsers.renamed(name, "Lothar Renamed", "helpliner", "member") : token;
        given().header("Authorization", TestUsers.bearer(erasing)).delete("/api/me").then().statusCode(204);
        return new Erased(id, name, username, texts(opener), texts(mentioned));
    }

    private static String texts(ForumApiClient person) {
        return String.join("\n", person.get("/api/notifications").statusCode(200).extract().jsonPath().getList("text",
                String.class));
    }

    /** A migration's statements, its comments left out. */
    private static List<String> migration(String file) {
        try (var in = MyDataTest.class.getResourceAsStream("/db/migration/" + file)) {
            String sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("--")).collect(java.util.stream.Collectors.joining("\n"));
            return java.util.Arrays.stream(sql.split(";\\s*(\\n|$)")).map(String::strip).filter(st -> !st.isEmpty())
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theNameOfAnErasedAccountFitsTheUsernameShapePastIdNineHundredNinetyNineThousand() { // GDPR Art. 17
        new ForumApiClient(TestUsers.member("kasimir")).get("/api/me/username").statusCode(200);
        long id = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT id FROM accounts WHERE display_name = 'kasimir'").getSingleResult()).longValue());
        assertThat(UsernameSuggester.erased(999_999)).isEqualTo("former_999999");
        assertThat(UsernameSuggester.erased(1_000_000)).isEqualTo("former_zlfls"); // a "z" no decimal one has
        for (long past : new long[] {1_000_000, 123_456_789, Integer.MAX_VALUE}) {
            // the table's own check (at most six digits, 3-20 characters) takes it, so erasure cannot fail on it
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                    "UPDATE accounts SET username = ?1 WHERE id = ?2").setParameter(1, UsernameSuggester.erased(past))
                    .setParameter(2, id).executeUpdate());
        }
    }

    @Test
    void nobodyCanTakeTheNameAnErasedAccountGetsAndSoBlockItsErasure() { // GDPR Art. 17
        String token = TestUsers.member("ingeborg");
        ForumApiClient ingeborg = new ForumApiClient(token);
        ingeborg.get("/api/me/username").statusCode(200);
        long id = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT id FROM accounts WHERE display_name = 'ingeborg'").getSingleResult()).longValue());
        ForumApiClient squatter = new ForumApiClient(TestUsers.member("jorunn"));
        squatter.put("/api/me/username", Map.of("username", "former_" + id)).statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("invalid_username"));
        squatter.put("/api/me/username", Map.of("username", "Former_" + id)).statusCode(400);

        given().header("Authorization", TestUsers.bearer(token)).delete("/api/me").then().statusCode(204);
        String username = QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                "SELECT username FROM accounts WHERE id = ?1").setParameter(1, id).getSingleResult());
        assertThat(username).isEqualTo("former_" + id);
    }
}
