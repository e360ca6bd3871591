package org.stepcalls.forum.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stepcalls.forum.api.ForumApiClient;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every new action × actor × board, through the API as clients meet it (Discourse's guardian
 * specs): the status each answers, on a fresh post by someone else. On the calls board "advice"
 * is a plain reply in a call topic and "record" the call's templated intake.
 */
@QuarkusTest
class PeopleActionsMatrixTest {

    private static final List<String> ACTORS = List.of("member", "helpliner", "coordinator", "admin");

    /** action → board → expected status per actor, in the order of {@link #ACTORS}. */
    private static final Map<String, Map<String, List<Integer>>> EXPECTED = Map.of(
            "like", Map.of(
                    "general", List.of(200, 200, 200, 200),
                    "helpliners", List.of(404, 200, 200, 404),
                    "calls-advice", List.of(404, 409, 409, 404),
                    "calls-record", List.of(404, 409, 409, 404)),
            "flag-personal-details", Map.of(
                    "general", List.of(201, 201, 201, 201),
                    "helpliners", List.of(404, 201, 201, 404),
                    "calls-advice", List.of(404, 201, 201, 404),
                    "calls-record", List.of(404, 409, 409, 404)),
            "flag-off-topic", Map.of(
                    "general", List.of(201, 201, 201, 201),
                    "helpliners", List.of(404, 201, 201, 404),
                    "calls-advice", List.of(404, 409, 409, 404),
                    "calls-record", List.of(404, 409, 409, 404)),
            "review-agree", Map.of(
                    "general", List.of(403, 403, 200, 403),
                    // the queue is the coordinators': anyone else is refused before any post is looked up
                    "helpliners", List.of(403, 403, 200, 403),
                    "calls-advice", List.of(403, 403, 200, 403)));

    /** Whether a mention of the actor notifies them (the writer is a coordinator, who may post on every board). */
    private static final Map<String, List<Boolean>> MENTION_NOTIFIES = Map.of(
            "general", List.of(true, true, true, true),
            "helpliners", List.of(false, true, true, false),
            "calls-advice", List.of(false, false, false, false));

    /** Made afresh for each use: a token lives five minutes, and a slow run outlasts that. */
    private static ForumApiClient writer() {
        return People.person("matrixwriter", "helpliner", "coordinator", "member");
    }

    private static ForumApiClient flagger() {
        return People.person("matrixflagger", "helpliner", "member");
    }

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        EXPECTED.forEach((action, boards) -> boards.forEach((board, statuses) -> {
            for (int i = 0; i < ACTORS.size(); i++) {
                rows.add(Arguments.of(action, board, ACTORS.get(i), statuses.get(i)));
            }
        }));
        return rows.stream();
    }

    @ParameterizedTest(name = "{2} {0} on {1}: {3}")
    @MethodSource("matrix")
    void eachActorGetsTheStatusTheTableSays(String action, String board, String actor, int status) {
        ForumApiClient who = actor(actor);
        long post = post(board);
        int answered = switch (action) {
            case "like" -> who.post("/api/posts/" + post + "/like", null).extract().statusCode();
            case "flag-personal-details" -> who.post("/api/posts/" + post + "/flags", Map.of("reason", "personal_details"))
                    .extract().statusCode();
            case "flag-off-topic" -> who.post("/api/posts/" + post + "/flags", Map.of("reason", "off_topic"))
                    .extract().statusCode();
            case "review-agree" -> {
                long flag = flagger().post("/api/posts/" + post + "/flags", Map.of("reason", "personal_details"))
                        .statusCode(201).extract().jsonPath().getLong("id");
                yield who.post("/api/review/" + flag + "/agree", Map.of("reason", "Agreed")).extract().statusCode();
            }
            default -> throw new IllegalArgumentException(action);
        };
        assertThat(answered).isEqualTo(status);
    }

    static Stream<Arguments> mentions() {
        List<Arguments> rows = new ArrayList<>();
        MENTION_NOTIFIES.forEach((board, answers) -> {
            for (int i = 0; i < ACTORS.size(); i++) {
                rows.add(Arguments.of(board, ACTORS.get(i), answers.get(i)));
            }
        });
        return rows.stream();
    }

    @ParameterizedTest(name = "a mention of a {1} on {0} notifies: {2}")
    @MethodSource("mentions")
    void aMentionNotifiesOnlySomeoneWhoMayReadTheTopic(String board, String actor, boolean notified) {
        ForumApiClient mentioned = actor(actor);
        String body = "Over to you, @" + People.username(mentioned) + ".";
        long topic = switch (board) {
            case "calls-advice" -> {
                long call = People.call(writer());
                People.replyId(writer(), call, body);
                yield call;
            }
            default -> writer().createTopicId(board, "Mention matrix", body);
        };
        assertThat(People.mentionsOf(mentioned, topic)).isEqualTo(notified ? 1 : 0);
    }

    private static ForumApiClient actor(String actor) {
        return switch (actor) {
            case "member" -> People.person("matrixmember", "member");
            case "helpliner" -> People.person("matrixhelpliner", "helpliner", "member");
            case "coordinator" -> People.person("matrixcoordinator", "coordinator", "member");
            case "admin" -> People.person("matrixadmin", "admin", "member");
            default -> throw new IllegalArgumentException(actor);
        };
    }

    /** A fresh post by the writer on the board, that nobody has liked or flagged. */
    private static long post(String board) {
        return switch (board) {
            case "calls-advice" -> People.replyId(writer(), People.call(writer()), "Try the meeting contact next.");
            case "calls-record" -> People.postIds(writer(), People.call(writer())).get(0);
            default -> People.firstPost(writer(), board, "A post to act on.");
        };
    }
}
