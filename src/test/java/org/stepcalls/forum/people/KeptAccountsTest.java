package org.stepcalls.forum.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.stepcalls.Eventually;
import org.stepcalls.FreshLetters;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.database.TableChanges;
import org.stepcalls.platform.database.TableVersions;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every signed-in request needs its account, so each instance keeps the accounts it has read until the
 * accounts table changes anywhere (Accounts, the V26 trigger). These prove the keeping is real and that
 * no change is missed: one made by another instance (here: straight in the database), the owner's own.
 */
@QuarkusTest
class KeptAccountsTest {

    private static final Duration ANNOUNCED_WITHIN = Duration.ofSeconds(10);
    private static final Duration QUIET_FOR = Duration.ofMillis(300);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TableChanges tableChanges;

    @Test
    void aKeptAccountIsServedUntilTheTableAnnouncesAChange() throws Exception {
        ForumApiClient person = People.namesake("Leopoldine", "sub-" + UUID.randomUUID(), "member");
        String before = keptUsername(person);
        String changed = "leo_" + FreshLetters.of(8);
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            // a change nobody announces (the trigger off): the kept account answers, so it was kept
            sql.execute("ALTER TABLE accounts DISABLE TRIGGER accounts_changed");
            try {
                setUsername(connection, before, changed);
                assertThat(People.username(person)).isEqualTo(before);
            } finally {
                sql.execute("ALTER TABLE accounts ENABLE TRIGGER accounts_changed");
            }
            // any announced change to the table and the instance reads the account afresh
            sql.execute("UPDATE accounts SET username = username WHERE username = '" + changed + "'");
        }
        assertThat(usernameOnceSettled(person, changed)).isEqualTo(changed);
    }

    @Test
    void aChangeMadeByAnotherInstanceIsSeenOnceItsNotificationArrives() throws Exception {
        ForumApiClient person = People.namesake("Evander", "sub-" + UUID.randomUUID(), "member");
        String before = keptUsername(person);
        String changed = "evander_" + FreshLetters.of(6);
        try (Connection connection = dataSource.getConnection()) {
            setUsername(connection, before, changed); // as another instance's username change would
        }
        assertThat(usernameOnceSettled(person, changed)).isEqualTo(changed);
    }

    @Test
    void theOwnersNewUsernameShowsOnTheirVeryNextRequest() throws Exception {
        ForumApiClient person = People.namesake("Philippa", "sub-" + UUID.randomUUID(), "member");
        keptUsername(person);
        String wanted = "philippa_" + FreshLetters.of(6);
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            // no notification to wait for: the instance that made the change forgot the account as it committed
            sql.execute("ALTER TABLE accounts DISABLE TRIGGER accounts_changed");
            try {
                person.put("/api/me/username", Map.of("username", wanted)).statusCode(200);
                person.get("/api/me/username").statusCode(200).body("username", equalTo(wanted));
            } finally {
                sql.execute("ALTER TABLE accounts ENABLE TRIGGER accounts_changed");
            }
        }
    }

    /**
     * The person's first request makes their account, a change announced to every instance; a request
     * once the announcement has arrived here reads the account again and keeps it.
     */
    private String keptUsername(ForumApiClient person) throws InterruptedException {
        long seen = TableVersions.now(tableChanges, "accounts");
        People.username(person);
        assertThat(TableVersions.awaitChangeSince(tableChanges, "accounts", seen, ANNOUNCED_WITHIN)).isTrue();
        // an earlier test's announcement may have come first: wait until the table has been quiet a while
        assertThat(TableVersions.awaitQuiet(tableChanges, "accounts", QUIET_FOR, ANNOUNCED_WITHIN)).isTrue();
        return People.username(person);
    }

    private static void setUsername(Connection connection, String from, String to) throws Exception {
        try (PreparedStatement update = connection.prepareStatement("UPDATE accounts SET username = ? WHERE username = ?")) {
            update.setString(1, to);
            update.setString(2, from);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    /** The username the app shows, asked until it is {@code expected} or the notification is overdue. */
    private static String usernameOnceSettled(ForumApiClient person, String expected) throws InterruptedException {
        Eventually.within(ANNOUNCED_WITHIN, () -> People.username(person).equals(expected));
        return People.username(person);
    }
}
