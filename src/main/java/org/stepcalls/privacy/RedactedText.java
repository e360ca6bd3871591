package org.stepcalls.privacy;

/**
 * Free text that has been through the {@link Redactor}: phone numbers and e-mail addresses are
 * gone. Only the redactor can make one, so code that stores free text by taking a
 * {@code RedactedText} cannot store it unredacted.
 */
public final class RedactedText {

    private final String text;
    private final int redactions;

    RedactedText(String text, int redactions) {
        this.text = text;
        this.redactions = redactions;
    }

    public String text() {
        return text;
    }

    /** How many numbers and addresses were removed. */
    public int redactions() {
        return redactions;
    }

    @Override
    public String toString() {
        return text;
    }
}
