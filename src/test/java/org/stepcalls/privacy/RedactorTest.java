package org.stepcalls.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** R16: phone numbers and e-mail addresses never reach storage; ordinary numbers do. */
class RedactorTest {

    private final Redactor redactor = new Redactor();

    @ParameterizedTest
    @ValueSource(strings = {
            "07700 900123",
            "07700900123",
            "+44 7700 900123",
            "+447700900123",
            "(07700) 900 123",
            "07700-900-123",
            "0 7 7 0 0 9 0 0 1 2 3",
            "0-7-7-0-0-9-0-0-1-2-3",
            "07700.900.123",
            "0770 090 0123",
            "0113 496 0000",
            "020 7946 0000",
            "+1 415 555 0100",
    })
    void removesPhoneNumbersHoweverTheyAreWritten(String number) {
        RedactedText result = redactor.redact("Ring Dave on " + number + " tonight");
        assertThat(result.text()).isEqualTo("Ring Dave on [number removed] tonight");
        assertThat(result.redactions()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "The meeting is at 19:30 on 27/11/2026.",
            "Clean since 2019-03-14, that is 7 years.",
            "We had 12 people, 3 newcomers and 45 chairs.",
            "Year 2026 was good; 1990-2026 was a journey.",
            "Room 101, step 12, tradition 7.",
            "Meeting on 27.11.2026 at 7.30pm",
            "Price £1,250 for 2 nights",
    })
    void leavesDatesTimesYearsAndCountsAlone(String text) {
        RedactedText result = redactor.redact(text);
        assertThat(result.text()).isEqualTo(text);
        assertThat(result.redactions()).isZero();
    }

    static List<String> ordinarySentences() {
        return HostileInputs.lines("/redaction/ordinary-sentences.txt");
    }

    @Test
    void textThatLowerCasesLongerStillHasItsAddressesFound() { // R16: "İ" lower-cased as a whole text is two characters
        String turkish = "İ".repeat(200) + " zelda at gmail dot com, zelda^at^gmail, my gmail is zeldasmith562";
        RedactedText result = redactor.redact(turkish);
        assertThat(result.text()).doesNotContain("zelda").startsWith("İ".repeat(200));
    }

    @Test
    void wordsBeforeAnAddressStay() {
        assertThat(redactor.redact("Good point, zelda@gmail.com").text()).isEqualTo("Good point, [email removed]");
        assertThat(redactor.redact("Over that period, zelda@gmail.com is mine").text())
                .isEqualTo("Over that period, [email removed] is mine");
    }

    @Test
    void ordinarySentencesRunTogetherStayAsWritten() { // the rules that join a number's parts must not join two sentences'
        String all = String.join(" ", ordinarySentences());
        assertThat(redactor.redact(all).text()).isEqualTo(all);
    }

    @ParameterizedTest
    @MethodSource("ordinarySentences")
    void ordinarySentencesWithNumbersStayAsWritten(String sentence) {
        RedactedText result = redactor.redact(sentence);
        assertThat(result.text()).isEqualTo(sentence);
        assertThat(result.redactions()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "07700 **900** 123", // emphasis splits the groups
            "`07700` `900` `123`",
            "07700[](https://example.org)900123", // an empty link the reader never sees
            "&#48;&#55;&#55;&#48;&#48;&#57;&#48;&#48;&#49;&#50;&#51;",
            "07700_900_123",
            "07700\u2022900\u2022123",
            "07700\u200D900\u200D123",
            "\uFF10\uFF17\uFF17\uFF10\uFF10 900 123",
            "\u0660\u0667\u0667\u0660\u0660 \u0669\u0660\u0660 \u0661\u0662\u0663",
            "077OO 9OO l23",
            "oh seven seven double oh nine double oh one two three",
    })
    void removesNumbersAReaderCanReassemble(String escaped) { // R16
        String text = HostileInputs.unescape(escaped);
        RedactedText result = redactor.redact("Ring " + text + " tonight");
        assertThat(result.text()).isEqualTo("Ring [number removed] tonight");
    }

    @Test
    void longRunsOfSpacesStillJoinButWordsAndLongSeparatorsDoNot() {
        assertThat(redactor.redact("07700" + " ".repeat(500) + "900 123").text()).isEqualTo("[number removed]");
        assertThat(redactor.redact("on 27/11 at 19:30, room 12, 45 people").redactions()).isZero();
        assertThat(redactor.redact("room 12 x-y-z 900123").redactions()).isZero();
    }

    @Test
    void theTwoHalvesOfANumberAreBothRemovedWhateverWordsStandBetween() { // R16
        assertThat(redactor.redact("07700 x-y-z 900123").text()).isEqualTo("[number removed] x-y-z [number removed]");
        assertThat(redactor.redact("It starts 01632 and then, after a bit, it ends with 960123.").text())
                .isEqualTo("It starts [number removed] and then, after a bit, it ends with [number removed].");
        assertThat(redactor.redact("+44 7700\n\nand the rest: 900123").text()).isEqualTo("[number removed]\n\nand the rest: [number removed]");
        // not a UK number together, or too far apart to be read as one
        assertThat(redactor.redact("Room 0701 on the first floor, then room 456789 upstairs.").redactions()).isZero();
        assertThat(redactor.redact("07700 " + "and so on ".repeat(9) + "900123").redactions()).isZero();
    }

    @Test
    void separatorsWeighByHowManyKindsNotHowManyMarks() { // R16
        assertThat(redactor.redact("07700 -=-=- 900123").text()).isEqualTo("[number removed]");
        assertThat(redactor.redact("07700 . . . . . 900123").text()).isEqualTo("[number removed]");
        assertThat(redactor.redact("07700 \uD83D\uDCF1\uD83D\uDCF1\uD83D\uDCF1\uD83D\uDCF1\uD83D\uDCF1 900123").text())
                .isEqualTo("[number removed]");
    }

    @Test
    void shortWordsBetweenGroupsJoinOnlyWhenTogetherTheyMakeAUkNumber() { // R16
        assertThat(redactor.redact("07700 and then 900123").text()).isEqualTo("[number removed]");
        assertThat(redactor.redact("Ring 07700 (mobile) 900123 later").text()).isEqualTo("Ring [number removed] later");
        assertThat(redactor.redact("Call 1004 and 1005 are open").redactions()).isZero();
        assertThat(redactor.redact("On 05/11/26 at 19:30").redactions()).isZero();
    }

    @Test
    void directionControlsAreRemovedSoWhatIsStoredIsWhatIsShown() { // R16
        RedactedText result = redactor.redact("Meet at 7\u202Epm\u202C tonight \u2067ok\u2069");
        assertThat(result.text()).isEqualTo("Meet at 7pm tonight ok");
        assertThat(result.redactions()).isZero();
        assertThat(redactor.redact("Call 07700 \u202Ethginot 321009\u202C").text()).doesNotContain("321009", "\u202E");
    }

    @Test
    void renderedTextIsCheckedAsItIsShown() { // R16: the safety net's reading
        assertThat(redactor.showsContactDetails("Ring <!-- 07700 900123 -->")).isTrue();
        assertThat(redactor.showsContactDetails("Mail sam@example.org")).isTrue();
        assertThat(redactor.showsContactDetails("Posted 27/11/2026, 19:32 by [number removed]")).isFalse();
    }

    @Test
    void datesAndTimesDoNotHideANumberBesideThem() {
        assertThat(redactor.redact("27/11/2026 19:30").redactions()).isZero();
        assertThat(redactor.redact("07/7/00 900 123").text()).isEqualTo("[number removed]");
        assertThat(redactor.redact("On 27/11/2026: 07700 900123").text()).isEqualTo("On 27/11/2026: [number removed]");
    }

    @Test
    void checksTheWholeTextWithoutACandidateCap() {
        String text = "1 2 a ".repeat(5_000) + "ring 07700 900123";
        assertThat(redactor.redact(text).text()).endsWith("ring [number removed]");
    }

    @Test
    void theRemovedRangeIsTheWholeSourceTheNumberCameFrom() {
        assertThat(redactor.redact("a 0\u0336 7700 900123 b".translateEscapes()).text()).isEqualTo("a [number removed] b");
        // the link destination inside the number goes with it, so no URL is left holding part of it
        assertThat(redactor.redact("Ring [07700](https://example.org/a) 900 123 now").text())
                .isEqualTo("Ring [[number removed] now");
    }

    @Test
    void removesEmailAddressesIncludingSpelledOutAt() {
        RedactedText result = redactor.redact("Mail dave.s@example.org or dave (at) example (dot) org please");
        assertThat(result.text()).isEqualTo("Mail [email removed] or [email removed] please");
        assertThat(result.redactions()).isEqualTo(2);
    }

    @Test
    void countsEveryRemovalInOneText() {
        RedactedText result = redactor.redact("07700 900001, 07700 900002 and sam@example.net");
        assertThat(result.text()).doesNotContainPattern("\\d{5}").doesNotContain("@");
        assertThat(result.redactions()).isEqualTo(3);
    }

    @Test
    void keepsTheRestOfAMultiLineMarkdownText() {
        String text = "# Notes\n\n* call back 07700 900999\n* meeting Tuesday 19:30\n";
        assertThat(redactor.redact(text).text()).isEqualTo("# Notes\n\n* call back [number removed]\n* meeting Tuesday 19:30\n");
    }

    @Test
    void emptyAndNullBecomeEmptyText() {
        assertThat(redactor.redact(null).text()).isEmpty();
        assertThat(redactor.redact("").redactions()).isZero();
    }

    @Test
    void longHostileInputFinishesQuickly() {
        String hostile = "1 ".repeat(10_000) + "a".repeat(10_000) + "@".repeat(1_000);
        RedactedText result = redactor.redact(hostile);
        assertThat(result.text()).doesNotContain("1 1 1 1 1 1 1 1 1");
    }

    @Test
    void aNumberALinkSplitsIsFoundWhereTheSourceIsShownAsItIs() { // R16
        // the rendered post shows "Ring 07700"; its source, shown in revisions, excerpts and the API's raw, shows both halves
        assertThat(redactor.redact("Ring [07700](900123)").text()).doesNotContain("900123");
        assertThat(redactor.holdsContactDetails("Church hall, ring [07700](900123)")).isTrue(); // a plain-text list name
    }

    @Test
    void aNumberSplitByATagLikeRunIsFoundAsATagStrippingReaderShowsIt() { // R16
        assertThat(redactor.redact("meeting tonight 07700<tr x y z>900123").text()).isEqualTo("meeting tonight [number removed]");
    }

    @Test
    void aNumberRunningOnFromALinksAddressIntoTheTextIsFound() { // R16
        assertThat(redactor.redact("Ring [0770](0900) 765 tonight").text()).doesNotContain("765");
        assertThat(redactor.redact("Ring [07700](#900123)").text()).doesNotContain("900123");
    }

    @Test
    void anAutolinkIsShownNotStrippedSoWhatItHoldsIsRead() { // R16
        assertThat(redactor.redact("Ring [07700](<https://900123.example.org>)").text()).doesNotContain("900123");
        assertThat(redactor.redact("Ring 07700<!-- a b c -->900123").text()).isEqualTo("Ring [number removed]");
    }
}
