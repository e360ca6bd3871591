package org.stepcalls.calls.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.DramaNumbers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Every first name the name rule accepts opens a call, and others see one user-perceived
 * character of it, capitalised as a name's first letter is (R16: the initial and area only).
 */
@QuarkusTest
class CallerFirstNamesTest {

    private final ForumApiClient opener = new ForumApiClient(TestUsers.helpliner("ottilie"));
    private final ForumApiClient onlooker = new ForumApiClient(TestUsers.helpliner("osric"));

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "ßigrid | ß", // upper-cased it was "SS", two letters, and intake failed with a 500
            "ﬁona | F", // the ligature is "fi"
            "ılkay | I", // Turkish dotless i
            "İpek | İ", // Turkish dotted capital I keeps its dot
            "ςοφία | Σ", // Greek final sigma, capitalised
            "ǆenana | ǅ", // a digraph takes its title case, not its capital "Ǆ"
            "ნინო | ნ", // Georgian has no capital in a name's first letter
            "美咲 | 美",
            "𠮷野 | 𠮷", // a letter outside the BMP: two UTF-16 units, one character
            "사랑 | 사",
            "सीता | सी", // a Devanagari letter with its vowel sign is one character
            "zoë | Z",
            "d’Arcy | D",
            "O'Neill | O",
            "Anne-Marie | A" })
    void anyNameTheRuleAcceptsOpensACallShowingItsInitial(String firstName, String initial) { // R16
        long id = open(firstName);
        JsonPath seenByOthers = onlooker.get("/api/calls/" + id).statusCode(200).extract().jsonPath();
        assertThat(seenByOthers.getString("caller.initial")).isEqualTo(initial);
        assertThat(seenByOthers.getString("caller.firstName")).isNull();
        opener.get("/api/calls/" + id).body("caller.firstName", equalTo(firstName));
        assertThat(onlooker.topic(id).extract().jsonPath().getString("posts[0].body")).contains("Caller " + initial + ".,");
    }

    @ParameterizedTest
    @ValueSource(strings = { "Zoe\u0308", "E\u0301lodie" })
    void aDecomposedNameIsStoredComposedAndItsInitialKeepsItsAccent(String decomposed) {
        long id = open(decomposed);
        String composed = java.text.Normalizer.normalize(decomposed, java.text.Normalizer.Form.NFC);
        opener.get("/api/calls/" + id).body("caller.firstName", equalTo(composed));
        onlooker.get("/api/calls/" + id).body("caller.initial", equalTo(composed.substring(0, 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "\u0301Anna", "'Aisha", "Ann4", "🙂", " ", "Al\u200dex" })
    void aNameTheRuleRefusesIsA400NamingTheField(String firstName) {
        Map<String, Object> form = CallFixtures.intake(area(), firstName, DramaNumbers.mobile());
        opener.post("/api/calls", form).statusCode(400).body("error", equalTo("invalid_input"))
                .body("message", org.hamcrest.Matchers.containsString("first name"));
    }

    /** One area for the whole class: test areas are a limited supply (one parallel each). */
    private static long area() {
        if (area == null) {
            area = CallRulesTest.area();
        }
        return area;
    }

    private static Long area;

    private long open(String firstName) {
        return opener.post("/api/calls", CallFixtures.intake(area(), firstName, DramaNumbers.mobile()))
                .statusCode(201).extract().jsonPath().getLong("topicId");
    }
}
