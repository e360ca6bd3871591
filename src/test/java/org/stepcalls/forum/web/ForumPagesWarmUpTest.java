package org.stepcalls.forum.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ForumPagesWarmUpTest {

    private static final List<String> WRITTEN_BY_READING = List.of("accounts", "topic_users", "category_users", "drafts",
            "notifications", "audit_log", "post_likes", "mail_outbox");

    @Inject
    ForumPagesWarmUp warmUp;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void rendersTheLatestPageForNobodyAndWritesNothing() throws Exception {
        long topic = new ForumApiClient(TestUsers.member("mia")).createTopicId("general", "Who has the kettle on Tuesday",
                "The kettle lives in the cupboard by the hall.");
        Thread.sleep(1_000); // the author's own reading position is written in the background
        Map<String, Long> before = rowCounts();

        List<String> rounds = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rounds.add(activated(warmUp::render));
        }
        Thread.sleep(1_000); // as long again for anything the rounds left to be written

        assertThat(rounds).allSatisfy(page -> assertThat(page).contains("<h1>Latest</h1>")
                .contains("href=\"/t/" + topic + "\"").contains("Who has the kettle on Tuesday").contains("Sign in")
                .doesNotContain("unread"));
        assertThat(rowCounts()).isEqualTo(before);
    }

    private static <T> T activated(java.util.function.Supplier<T> work) {
        io.quarkus.arc.ManagedContext request = io.quarkus.arc.Arc.container().requestContext();
        request.activate();
        try {
            return work.get();
        } finally {
            request.terminate();
        }
    }

    private Map<String, Long> rowCounts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (var connection = dataSource.getConnection(); var sql = connection.createStatement()) {
            for (String table : WRITTEN_BY_READING) {
                try (var rows = sql.executeQuery("SELECT count(*) FROM " + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        }
        return counts;
    }
}
