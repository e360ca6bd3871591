package org.stepcalls.forum.api;

import static org.stepcalls.forum.api.ReadingStateTest.joined;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stepcalls.FreshLetters;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.test.junit.QuarkusTest;

/**
 * One row per role and board: marking read, choosing a level and keeping a new-topic draft follow
 * the same rule as reading and posting there ({@code Permissions}); the calls board keeps no drafts.
 */
@QuarkusTest
class ReadingPermissionsTest {

    @ParameterizedTest(name = "{0} in {1}: read {2}, level {3}, draft {4}")
    @CsvSource({
            "member,      general,         200, 200, 200",
            "member,      announcements,   200, 200, 403",
            "member,      helpliners,      404, 404, 404",
            "member,      12th-step-calls, 404, 404, 404",
            "helpliner,   general,         200, 200, 200",
            "helpliner,   announcements,   200, 200, 403",
            "helpliner,   helpliners,      200, 200, 200",
            "helpliner,   12th-step-calls, 200, 200, 409",
            "coordinator, announcements,   200, 200, 200",
            "coordinator, helpliners,      200, 200, 200",
            "coordinator, 12th-step-calls, 200, 200, 409",
            "admin,       general,         200, 200, 200",
            "admin,       announcements,   200, 200, 200",
            "admin,       helpliners,      404, 404, 404",
            "admin,       12th-step-calls, 404, 404, 404" })
    void eachRoleMarksWatchesAndDraftsWhereItMayReadAndPost(String role, String category, int read, int level, int draft) {
        String name = role + "-" + FreshLetters.of(6);
        ForumApiClient person = joined(TestUsers.token(name, role));
        person.post("/api/categories/" + category + "/read", null).statusCode(read);
        person.put("/api/categories/" + category + "/notification-level", Map.of("level", "tracking")).statusCode(level);
        person.put("/api/drafts/new-topic-" + category, Map.of("title", "Later", "body", "Not yet")).statusCode(draft);
    }
}
