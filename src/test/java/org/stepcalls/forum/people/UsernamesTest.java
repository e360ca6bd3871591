package org.stepcalls.forum.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.FreshLetters;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.Accounts;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class UsernamesTest {

    @Inject
    Accounts accounts;

    @Inject
    EntityManager entityManager;

    @Test
    void anAccountTakesItsUsernameFromTheProvidersUsername() {
        ForumApiClient rosalind = People.namesake("Rosalind.Ashby", fresh(), "member");
        assertThat(People.username(rosalind)).isEqualTo("rosalind.ashby");
    }

    @Test
    void namesakesAreNumberedAsDiscourseDoes() {
        ForumApiClient first = People.namesake("Benedikt", fresh(), "member");
        ForumApiClient second = People.namesake("benedikt", fresh(), "member");
        ForumApiClient third = People.namesake("BENEDIKT", fresh(), "member");
        assertThat(People.username(first)).isEqualTo("benedikt");
        assertThat(People.username(second)).isEqualTo("benedikt1");
        assertThat(People.username(third)).isEqualTo("benedikt2");
    }

    @Test
    void aNumberOrAnAddressAsTheProvidersUsernameNeverBecomesOne() { // R16
        ForumApiClient numbered = People.namesake("07700900417", fresh(), "member");
        ForumApiClient addressed = People.namesake("wilfred.okoro@example.org", fresh(), "member");
        assertThat(People.username(numbered)).startsWith("member").doesNotContain("07700");
        assertThat(People.username(addressed)).isEqualTo("wilfred.okoro");
    }

    @Test
    void aNumberOrAnAddressInTheProvidersNameIsNeverShownTheUsernameStandsIn() { // R16
        // a member sets their own name at the identity provider; a provider without a name claim gives an address
        ForumApiClient numbered = People.namesake("Petra 07700 900418", fresh(), "member");
        ForumApiClient addressed = People.namesake("cordelia.vance@example.org", fresh(), "member");
        for (ForumApiClient author : java.util.List.of(numbered, addressed)) {
            String username = People.username(author);
            long topic = author.createTopicId("general", "Hello from a new member", "First post.");
            author.topic(topic).body("posts[0].authorName", equalTo(username));
            assertThat(username).doesNotContain("07700");
        }
        ForumApiClient named = People.namesake("Philippa Quist", fresh(), "member");
        long topic = named.createTopicId("general", "Hello from Philippa", "First post.");
        named.topic(topic).body("posts[0].authorName", equalTo("Philippa Quist"));
    }

    @Test
    void aNameStoredBeforeItWasReadGivesWayToTheUsernameAtStart() { // R16
        String subject = fresh();
        ForumApiClient author = People.namesake("Gwendolen", subject, "member");
        long topic = author.createTopicId("general", "Hello from Gwendolen", "First post.");
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("UPDATE accounts SET display_name = 'Gwen 07700 900419' WHERE subject = ?1")
                .setParameter(1, subject).executeUpdate());

        assertThat(accounts.reviewStoredNames()).isGreaterThanOrEqualTo(1);

        new ForumApiClient(TestUsers.member("reader")).topic(topic).body("posts[0].authorName", equalTo(People.username(author)));
    }

    @Test
    void postsCarryTheirAuthorsUsernameBesideTheName() {
        ForumApiClient author = People.namesake("Ottilie", fresh(), "member");
        long topic = author.createTopicId("general", "Hello from Ottilie", "First post.");
        author.topic(topic).body("posts[0].authorName", equalTo("Ottilie"))
                .body("posts[0].authorUsername", equalTo(People.username(author)));
    }

    @Test
    void theOwnerChangesTheirUsernameOnceAndOnlyOnce() {
        ForumApiClient person = People.namesake("Cosmo", fresh(), "member");
        String wanted = "cosmo_" + FreshLetters.of(6);
        person.put("/api/me/username", Map.of("username", wanted)).statusCode(200).body("username", equalTo(wanted));
        person.get("/api/users/" + wanted.toUpperCase()).statusCode(200).body("username", equalTo(wanted))
                .body("canChangeUsername", equalTo(false));
        person.put("/api/me/username", Map.of("username", wanted + "x")).statusCode(409)
                .body("error", equalTo("username_already_changed"));
    }

    @Test
    void aUsernameHeldBySomeoneElseInAnyCaseIsRefused() {
        ForumApiClient holder = People.namesake("Perpetua", fresh(), "member");
        ForumApiClient other = People.namesake("Quillon", fresh(), "member");
        other.put("/api/me/username", Map.of("username", People.username(holder).toUpperCase())).statusCode(409)
                .body("error", equalTo("username_taken"));
    }

    @Test
    void aUsernameWithANumberOrAnAddressInItIsRefused() { // R16
        ForumApiClient person = People.namesake("Aurelio", fresh(), "member");
        person.put("/api/me/username", Map.of("username", "aurelio07700900123")).statusCode(400)
                .body("error", equalTo("invalid_username"));
        person.put("/api/me/username", Map.of("username", "jo_at_hollin_dot_org")).statusCode(400)
                .body("error", equalTo("contact_details"));
        person.put("/api/me/username", Map.of("username", "a b")).statusCode(400).body("error", equalTo("invalid_username"));
        person.put("/api/me/username", Map.of("username", "ok")).statusCode(400).body("error", equalTo("invalid_username"));
        person.get("/api/users/" + People.username(person)).statusCode(200).body("canChangeUsername", equalTo(true));
    }

    @Test
    void anUnknownUsernameHasNoProfile() {
        People.person("lena", "member").get("/api/users/nobody_by_that_name").statusCode(404);
    }

    private static String fresh() {
        return "sub-" + UUID.randomUUID();
    }
}
