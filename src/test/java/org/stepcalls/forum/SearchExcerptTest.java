package org.stepcalls.forum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SearchExcerptTest {

    private static final String LONG = "Our group meets in the church hall behind the station. The door is round the side, "
            + "past the bins, and the stairs are steep so take your time. Tea is on from half past. "
            + "We read from the Basic Text and share after. Newcomers are always welcome and nobody has to speak. "
            + "Someone brings the kettle on Tuesdays because the urn is broken. We close with the serenity prayer.";

    @Test
    void theQuerysStemsAreReadFromItsTextAndNegatedOnesLeftOut() {
        assertThat(SearchExcerpt.stems("'see' <-> 'kettl' & !'rota' | 'o''brien'")).containsExactly("see", "kettl", "o'brien");
        assertThat(SearchExcerpt.stems("")).isEmpty();
        assertThat(SearchExcerpt.stems(null)).isEmpty();
    }

    @Test
    void aShortPostIsShownWhole() {
        assertThat(SearchExcerpt.of("  Bring the kettle tonight.\n", List.of("kettl"))).isEqualTo("Bring the kettle tonight.");
    }

    @Test
    void aLongPostIsShownAroundItsFirstMatchWithTheWordsJustBeforeIt() {
        String body = LONG + " " + LONG;
        String excerpt = SearchExcerpt.of(body, List.of("kettl"));

        assertThat(excerpt).startsWith("…").endsWith("…").contains("Someone brings the kettle on Tuesdays")
                .contains("nobody has to speak. Someone");
        assertThat(excerpt.replace("…", "").split("\\s+")).hasSizeLessThanOrEqualTo(SearchExcerpt.MAX_WORDS);
        assertThat(body).contains(excerpt.replace("…", "")); // the source as written, never rejoined
    }

    @Test
    void aWordIsFoundByItsStemWhateverItsEnding() {
        assertThat(SearchExcerpt.of(LONG, List.of("newcom"))).contains("Newcomers are always welcome");
        assertThat(SearchExcerpt.of(LONG + " The city centre group", List.of("citi"))).contains("The city centre group");
    }

    @Test
    void aMatchNearTheEndShowsTheLastWordsUncut() {
        String excerpt = SearchExcerpt.of(LONG, List.of("prayer"));

        assertThat(excerpt).startsWith("…").endsWith("serenity prayer.");
    }

    @Test
    void withNoMatchInTheBodyTheStartIsShown() { // a title hit: the body need not hold the word
        String excerpt = SearchExcerpt.of(LONG, List.of("zeppelin"));

        assertThat(excerpt).startsWith("Our group meets").endsWith("…");
    }

    @Test
    void aNumberMatchesOnlyWhole() {
        String body = "Page 12 of the book first. " + LONG + " Then step 1 again.";

        assertThat(SearchExcerpt.of(body, List.of("1"))).startsWith("…").endsWith("Then step 1 again.");
    }

    @Test
    void aBodyLongerThanWhatIsLookedThroughEndsInAMark() {
        String body = LONG + " " + "More of the same, week after week. ".repeat(200);

        String excerpt = SearchExcerpt.of(body, List.of("prayer"));

        assertThat(body.length()).isGreaterThan(SearchExcerpt.SOURCE_CHARS);
        assertThat(excerpt).contains("serenity prayer").endsWith("…");
        assertThat(SearchExcerpt.of("Bring the kettle. " + "x".repeat(SearchExcerpt.SOURCE_CHARS), List.of("kettl")))
                .startsWith("Bring the kettle.").endsWith("…");
    }

    @Test
    void aLineWithFewSpacesIsCutAtItsCharacterCapNeverInsideAPair() {
        String cjk = "我们每周二在教堂大厅见面请带上水壶".repeat(40) + "😀".repeat(200);

        String excerpt = SearchExcerpt.of(cjk, List.of("水壶"));

        assertThat(excerpt.length()).isLessThanOrEqualTo(SearchExcerpt.MAX_CHARS + 1);
        assertThat(excerpt).endsWith("…");
        String emoji = SearchExcerpt.of("😀".repeat(400), List.of("x"));
        assertThat(Character.isHighSurrogate(emoji.charAt(emoji.length() - 2))).isFalse();
        assertThat(emoji.codePoints().filter(cp -> cp == 0xFFFD).count()).isZero();
    }

    @Test
    void theStemmersYAndIAreReadBothWays() {
        assertThat(SearchExcerpt.of(LONG + " Clear skies over the hall tonight.", List.of("sky"))).contains("Clear skies over");
    }
}
