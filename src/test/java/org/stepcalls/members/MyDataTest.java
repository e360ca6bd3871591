package org.stepcalls.members;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
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
        String leavingName = "lothar" + org.stepcalls.FreshLetters.of(6);
        String token = TestUsers.member(leavingName);
        ForumApiClient leaving = new ForumApiClient(token);
        ForumApiClient opener = new ForumApiClient(TestUsers.member("odalys" + org.stepcalls.FreshLetters.of(6)));
        ForumApiClient mentioned = new ForumApiClient(TestUsers.member("mireille" + org.stepcalls.FreshLetters.of(6)));
        String mentionedName = mentioned.get("/api/me/username").statusCode(200).extract().jsonPath().getString("username");
        String leavingUsername = leaving.get("/api/me/username").statusCode(200).extract().jsonPath().getString("username");
        long topic = opener.createTopicId("general", "Walk on Sunday", "Who is coming?");
        leaving.reply(topic, "I am, and so is @" + mentionedName + ".").statusCode(201);
        assertThat(opener.get("/api/notifications").extract().jsonPath().getList("text", String.class))
                .anyMatch(text -> text.startsWith(leavingName + " replied in your topic"));
        assertThat(mentioned.get("/api/notifications").extract().jsonPath().getList("text", String.class))
                .anyMatch(text -> text.startsWith("@" + leavingUsername + " mentioned you"));
        long id = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT id FROM accounts WHERE display_name = ?1").setParameter(1, leavingName).getSingleResult()).longValue());

        given().header("Authorization", TestUsers.bearer(token)).delete("/api/me").then().statusCode(204);

        String told = String.join("\n", opener.get("/api/notifications").extract().jsonPath().getList("text", String.class));
        assertThat(told).contains("A former member replied in your topic “Walk on Sunday”.").doesNotContain(leavingName);
        String mention = String.join("\n", mentioned.get("/api/notifications").extract().jsonPath().getList("text", String.class));
        assertThat(mention).contains("@former_" + id + " mentioned you in topic #" + topic)
                .doesNotContain(leavingUsername).doesNotContain(leavingName);
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
