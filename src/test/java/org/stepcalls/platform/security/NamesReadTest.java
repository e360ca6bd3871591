package org.stepcalls.platform.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.FreshLetters;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The provider names the sign-in layer has read for contact details are kept in memory, and an
 * erased person's name must not outlive the erasure there either — on this instance or another.
 */
@QuarkusTest
class NamesReadTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Inject
    Accounts accounts;

    @Inject
    EntityManager entityManager;

    @Test
    void anErasedPersonsNameIsForgottenWhenTheErasureCommits() throws InterruptedException {
        String name = "gwendolyn" + FreshLetters.of(8);
        String token = TestUsers.member(name);
        signedInAndNameRead(token, name);

        given().header("Authorization", TestUsers.bearer(token)).delete("/api/me").then().statusCode(204);

        assertThat(accounts.nameIfReadClean(name)).as("the very next moment").isEmpty();
    }

    @Test
    void theInstanceThatErasesForgetsTheNamesReadAsItsTransactionCommits() throws InterruptedException {
        String name = "gaspard" + FreshLetters.of(8);
        signedInAndNameRead(TestUsers.member(name), name);
        long id = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT id FROM accounts WHERE subject = ?1").setParameter(1, "sub-" + name).getSingleResult()).longValue());

        // no row changes, so no notification can do it: only the commit's own forgetting
        QuarkusTransaction.requiringNew().run(() -> accounts.forgetOnCommit(id));

        assertThat(accounts.nameIfReadClean(name)).isEmpty();
    }

    @Test
    void aChangeToTheAccountsOnAnyInstanceForgetsTheNamesRead() throws InterruptedException {
        String name = "gethin" + FreshLetters.of(8);
        signedInAndNameRead(TestUsers.member(name), name);

        // another instance erasing someone: this one hears of it only through the table's notification
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "UPDATE accounts SET display_name = display_name WHERE subject = ?1").setParameter(1, "sub-" + name)
                .executeUpdate());

        awaitUntil("the change is heard", () -> accounts.nameIfReadClean(name).isEmpty());
    }

    /**
     * Signs in until the name shows as read: the first sign-in writes the account, and hearing that
     * change forgets the names read before it — this one too, to be read again at the next request.
     */
    private void signedInAndNameRead(String token, String name) throws InterruptedException {
        awaitUntil("the name is read", () -> {
            given().header("Authorization", TestUsers.bearer(token)).get("/api/me/notification-settings").then().statusCode(200);
            return accounts.nameIfReadClean(name).equals(name);
        });
    }

    private static void awaitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long started = System.nanoTime();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - started).as("waited until " + what).isLessThan(PATIENCE.toNanos());
            Thread.sleep(10);
        }
    }
}
