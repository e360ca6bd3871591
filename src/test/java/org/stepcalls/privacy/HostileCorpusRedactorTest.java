package org.stepcalls.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * R16, fast: every hostile input, redacted, leaves the reader no planted number or address —
 * checked on the stored source. RedactionCorpusTest checks the same through the app's pages and API.
 */
class HostileCorpusRedactorTest {

    private final Redactor redactor = new Redactor();

    static List<HostileInputs.Input> inputs() {
        return HostileInputs.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void nothingPlantedSurvivesRedaction(HostileInputs.Input input) {
        RedactedText redacted = redactor.redact(input.text());
        input.assertNothingReadableIn("stored source", ReaderOracle.sourceText(redacted.text()));
        assertThat(redacted.redactions()).isGreaterThanOrEqualTo(input.numbers().size() + input.addresses().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void redactingTwiceChangesNothingMore(HostileInputs.Input input) {
        String once = redactor.redact(input.text()).text();
        assertThat(redactor.redact(once).text()).isEqualTo(once);
    }
}
