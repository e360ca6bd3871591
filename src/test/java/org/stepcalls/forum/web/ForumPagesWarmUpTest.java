package org.stepcalls.forum.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ForumPagesWarmUpTest {

    /** What reading a page could write: every row's count and versions (an update gives a row a new xmin). */
    private static final List<String> WRITTEN_BY_READING = List.of("accounts", "topic_users", "category_users", "drafts",
            "notifications", "audit_log", "post_likes", "mail_outbox");

    @Inject
    ForumPagesWarmUp warmUp;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void rendersTheSignedInLatestPageForNobodyAndWritesNothing() throws Exception {
        ForumApiClient mia = new ForumApiClient(TestUsers.member("mia"));
        long topic = mia.createTopicId("general", "Who has the kettle on Tuesday", "The kettle lives in the cupboard by the hall.");
        mia.get("/api/topics").statusCode(200); // her list writes her reading positions now, not during the rounds
        Map<String, String> before = settledRowVersions(); // anyone's positions left by earlier tests written first

        List<String> rounds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rounds.add(CompletableFuture.supplyAsync(warmUp::render).get(1, TimeUnit.MINUTES)); // off the test's request context
        }

        assertThat(rounds).allSatisfy(page -> assertThat(page).contains("<h1>Latest</h1>")
                .contains("href=\"/t/" + topic + "\"").contains("Who has the kettle on Tuesday")
                .contains("Notifications: 0 unread").contains("Nobody · your data").contains("Sign out") // the signed-in layout
                .doesNotContain("Sign in").doesNotContain("My calls").doesNotContain("Your profile").doesNotContain("#unread").doesNotContain("tag unread"));
        Thread.sleep(500); // anything the rounds left to be written in the background has been by now
        assertThat(rowVersions()).isEqualTo(before);
    }

    /** The row versions once the background writer (every 0.2 s) has nothing left: two readings alike, 0.5 s apart. */
    private Map<String, String> settledRowVersions() throws Exception {
        Map<String, String> last = rowVersions();
        for (int i = 0; i < 20; i++) {
            Thread.sleep(500);
            Map<String, String> now = rowVersions();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the tables kept changing for 10 s without the warm-up: " + last);
    }

    private Map<String, String> rowVersions() throws Exception {
        Map<String, String> versions = new LinkedHashMap<>();
        try (var connection = dataSource.getConnection(); var sql = connection.createStatement()) {
            for (String table : WRITTEN_BY_READING) {
                try (var rows = sql.executeQuery("SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) FROM " + table)) {
                    rows.next();
                    versions.put(table, rows.getString(1));
                }
            }
        }
        return versions;
    }
}
