package org.stepcalls.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
}
