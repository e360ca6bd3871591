package org.stepcalls.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** R3: numbers are checked as ringable; the drama range counts (it is possible, not "valid"). */
class PhoneNumbersTest {

    private final PhoneNumbers numbers = new PhoneNumbers("GB");

    @ParameterizedTest
    @CsvSource({
            "07700 900123, +447700900123",
            "07700-900-123, +447700900123",
            "+44 7700 900123, +447700900123",
            "(0113) 496 0000, +441134960000",
            "020 7946 0999, +442079460999",
    })
    void acceptsRingableNumbersInAnyCommonWriting(String entered, String e164) {
        assertThat(numbers.normalise(entered)).contains(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = { "12345", "0770090", "hello", "", "999", "07700 900123 4567 890", "+44" })
    void refusesWhatCannotBeRung(String entered) {
        assertThat(numbers.normalise(entered)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({ "+447700900123, 07700 900123", "+441134960000, 0113 496 0000" })
    void showsHomeNumbersInNationalFormat(String e164, String shown) {
        assertThat(numbers.display(e164)).isEqualTo(shown);
    }

    @ParameterizedTest // R14: the helpliner's own number is withheld when they tap to call back
    @CsvSource({ "07700 900123, 14107700900123", "+447700900123, 14107700900123", "07700-900-456, 14107700900456" })
    void callingBackAHomeNumberDialsTheWithholdPrefixFirst(String number, String dialled) {
        assertThat(numbers.withheldDial(number, "141")).isEqualTo(dialled);
    }

    @org.junit.jupiter.api.Test
    void aNumberAbroadIsDialledAsItIsForNoPrefixWithholdsThere() {
        assertThat(numbers.withheldDial("+33 1 99 00 12 34", "141")).isEqualTo("+33199001234");
    }
}
