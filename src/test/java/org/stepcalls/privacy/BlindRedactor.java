package org.stepcalls.privacy;

/**
 * A redactor whose source pass finds nothing, as if a writer had found a way past it; its check of
 * the rendered text is the real one. For testing the safety net behind the source pass.
 */
public class BlindRedactor extends Redactor {

    @Override
    public RedactedText redact(String raw) {
        return new RedactedText(raw == null ? "" : raw, 0);
    }
}
