package org.stepcalls.forum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stepcalls.platform.security.Role;
import org.stepcalls.platform.security.Viewer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every actor × action × category, against the categories as the migration created them.
 * Columns: member, helpliner, coordinator, admin, signed in without a role, signed out.
 */
@QuarkusTest
class PermissionsMatrixTest {

    private static final List<String> ACTORS = List.of("member", "helpliner", "coordinator", "admin", "no-role", "signed-out");

    /** category → action → expected answer per actor, in the order of {@link #ACTORS}. */
    private static final Map<String, Map<String, String>> EXPECTED = Map.of(
            "announcements", Map.of(
                    "read", "YYYYNN",
                    "reply", "NNYYNN",
                    "createTopic", "NNYYNN",
                    "moderate", "NNYNNN",
                    "closeOrPin", "NNYNNN"),
            "general", Map.of(
                    "read", "YYYYNN",
                    "reply", "YYYYNN",
                    "createTopic", "YYYYNN",
                    "moderate", "NNYNNN",
                    "closeOrPin", "NNYNNN"),
            "helpliners", Map.of(
                    "read", "NYYNNN",
                    "reply", "NYYNNN",
                    "createTopic", "NYYNNN",
                    "moderate", "NNYNNN",
                    "closeOrPin", "NNYNNN"),
            // topics here come only from the calls board's own form, and only their opener closes them (R15)
            "12th-step-calls", Map.of(
                    "read", "NYYNNN",
                    "reply", "NYYNNN",
                    "createTopic", "NNNNNN",
                    "moderate", "NNYNNN",
                    "closeOrPin", "NNNNNN"));

    @Inject
    Permissions permissions;

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        EXPECTED.forEach((category, actions) -> actions.forEach((action, answers) -> {
            for (int i = 0; i < ACTORS.size(); i++) {
                rows.add(Arguments.of(ACTORS.get(i), action, category, answers.charAt(i) == 'Y'));
            }
        }));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1} in {2}: {3}")
    @MethodSource("matrix")
    void actorMayDoActionInCategoryExactlyAsTheTableSays(String actor, String action, String slug, boolean allowed) {
        Viewer viewer = viewer(actor);
        boolean answer = QuarkusTransaction.requiringNew().call(() -> {
            Category category = Category.findBySlug(slug);
            Topic topic = new Topic();
            topic.category = category;
            return switch (action) {
                case "read" -> permissions.canRead(viewer, topic);
                case "reply" -> permissions.canReply(viewer, topic);
                case "createTopic" -> permissions.canCreateTopicIn(viewer, category);
                case "moderate" -> permissions.canModerate(viewer, category);
                case "closeOrPin" -> permissions.canCloseOrPin(viewer, category);
                default -> throw new IllegalArgumentException(action);
            };
        });
        assertThat(answer).isEqualTo(allowed);
    }

    /** The 12th Step list's actions, which depend on the role alone. */
    private static final Map<String, String> LIST_ACTIONS = Map.of(
            "seeContactNumbers", "NYYNNN",
            "findContacts", "NYYNNN",
            "manageList", "NNYNNN",
            "manageAreas", "NNYYNN",
            "joinList", "YYYNNN");

    static Stream<Arguments> listMatrix() {
        List<Arguments> rows = new ArrayList<>();
        LIST_ACTIONS.forEach((action, answers) -> {
            for (int i = 0; i < ACTORS.size(); i++) {
                rows.add(Arguments.of(ACTORS.get(i), action, answers.charAt(i) == 'Y'));
            }
        });
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("listMatrix")
    void actorMayDoListActionExactlyAsTheTableSays(String actor, String action, boolean allowed) { // R4, R13, R17
        Viewer viewer = viewer(actor);
        boolean answer = switch (action) {
            case "seeContactNumbers" -> permissions.canSeeContactNumbers(viewer);
            case "findContacts" -> permissions.canFindContacts(viewer);
            case "manageList" -> permissions.canManageList(viewer);
            case "manageAreas" -> permissions.canManageAreas(viewer);
            case "joinList" -> permissions.canJoinList(viewer);
            default -> throw new IllegalArgumentException(action);
        };
        assertThat(answer).isEqualTo(allowed);
    }

    private static Viewer viewer(String actor) {
        return switch (actor) {
            case "signed-out" -> Viewer.SIGNED_OUT;
            case "no-role" -> Viewer.of(99);
            default -> Viewer.of(99, Role.fromClaim(actor).orElseThrow());
        };
    }
}
