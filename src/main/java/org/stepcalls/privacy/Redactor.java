package org.stepcalls.privacy;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Removes phone numbers and e-mail addresses from free text before it is stored (R16).
 *
 * <p>It checks what a reader will read, not only the source: the text is first projected as a
 * reader sees it ({@link ReaderProjection}: entities decoded, NFKC, invisible characters dropped,
 * digits of every script and look-alike letters folded, Markdown link destinations set apart),
 * again with every tag stripped (as other clients render it), and once more as plain text
 * (destinations in place), since the source is shown as it is too: in revisions, excerpts and the
 * API's {@code raw}.
 * Numbers ({@link NumberRuns}) and addresses ({@link EmailAddresses}) are found there, and the
 * whole source range each one came from is replaced, so the stored text, its revisions, search
 * and every later render are clean. The whole text is checked, in linear time.
 */
@ApplicationScoped
public class Redactor {

    public static final String NUMBER_REMOVED = "[number removed]";
    public static final String EMAIL_REMOVED = "[email removed]";

    /** Characters just before a number that belong to it: "+44 …", "(0113) …". */
    private static final String NUMBER_PREFIX = "+(";
    private static final String MARKUP = "*_~`";

    /** The text with every phone number and e-mail address replaced; {@code null} becomes empty. */
    public RedactedText redact(String raw) {
        if (raw == null || raw.isEmpty()) {
            return new RedactedText("", 0);
        }
        raw = withoutDirectionControls(raw);
        List<Removal> removals = new ArrayList<>();
        // as the rendered post reads, as it reads with every tag stripped, and as its source reads where it is shown as it is;
        // most texts have no tag and no link, so the three read alike and are searched once
        List<String> searched = new ArrayList<>(3);
        for (ReaderProjection reading : List.of(ReaderProjection.of(raw), ReaderProjection.tagsStripped(raw),
                ReaderProjection.asPlainText(raw))) {
            String text = reading.text();
            if (!searched.contains(text)) {
                searched.add(text);
                find(raw, reading, removals);
            }
        }
        return replace(raw, merge(removals));
    }

    private static void find(String raw, ReaderProjection projection, List<Removal> removals) {
        String text = projection.text();
        for (int[] span : addresses(text)) {
            removals.add(removal(raw, projection, span[0], span[1], EMAIL_REMOVED));
        }
        // an address written backwards ("gro.elpmaxe@mas") is read backwards by anyone who wants it
        String backwards = new StringBuilder(text).reverse().toString();
        for (int[] span : EmailAddresses.find(backwards)) {
            removals.add(removal(raw, projection, text.length() - span[1], text.length() - span[0], EMAIL_REMOVED));
        }
        for (int[] span : numbers(text)) {
            int start = span[0];
            int end = span[1];
            while (start > 0 && NUMBER_PREFIX.indexOf(text.charAt(start - 1)) >= 0) {
                start--;
            }
            // emphasis or a code span around the whole number goes with it: "`07700` `900` `123`"
            while (start > 0 && end < text.length() && MARKUP.indexOf(text.charAt(start - 1)) >= 0
                    && text.charAt(start - 1) == text.charAt(end)) {
                start--;
                end++;
            }
            removals.add(removal(raw, projection, start, end, NUMBER_REMOVED));
        }
    }

    /**
     * Bidirectional controls (embeddings, overrides, isolates, marks) let a writer show digits in
     * an order other than the stored one ("07700 \u202E321009" shows 900123). They are removed
     * from the stored text, so what is stored is what is shown; no post needs them.
     */
    static String withoutDirectionControls(String raw) {
        StringBuilder kept = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean control = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
                    || c == 0x061C;
            if (control && kept == null) {
                kept = new StringBuilder(raw.length()).append(raw, 0, i);
            } else if (!control && kept != null) {
                kept.append(c);
            }
        }
        return kept == null ? raw : kept.toString();
    }

    /** The source range of a projection span, widened over the invisible characters at its ends (a strike-through mark after the last digit). */
    private static Removal removal(String raw, ReaderProjection projection, int start, int end, String replacement) {
        int from = projection.sourceStart(start);
        int to = projection.sourceEnd(end - 1);
        while (to < raw.length() && Invisibles.dropped(raw.codePointAt(to))) {
            to += Character.charCount(raw.codePointAt(to));
        }
        return new Removal(from, to, replacement);
    }

    /**
     * Whether text exactly as a reader sees it (rendered, tags gone, entities decoded) still shows a
     * phone number or an e-mail address: the check after rendering, for what the source pass missed.
     */
    public boolean showsContactDetails(String visibleText) {
        if (visibleText == null || visibleText.isEmpty()) {
            return false;
        }
        String text = ReaderProjection.ofVisibleText(visibleText).text();
        return !addresses(text).isEmpty() || !numbers(text).isEmpty();
    }

    /** Every finder of addresses, on the projected text: the plain and spelt forms, then the disguises. */
    private static List<int[]> addresses(String text) {
        List<int[]> spans = new ArrayList<>(EmailAddresses.find(text));
        spans.addAll(DisguisedContacts.addresses(text));
        return spans;
    }

    /** Every finder of numbers, on the projected text. */
    private static List<int[]> numbers(String text) {
        List<int[]> spans = new ArrayList<>(NumberRuns.find(text));
        spans.addAll(DisguisedContacts.numbers(text));
        return spans;
    }

    /** Whether {@code raw} holds a phone number or an e-mail address (for fields that refuse them rather than redact). */
    public boolean holdsContactDetails(String raw) {
        return redact(raw).redactions() > 0;
    }

    private record Removal(int start, int end, String replacement) {
    }

    /** Overlapping removals become one; an address wins the label over a number inside it. */
    private static List<Removal> merge(List<Removal> removals) {
        removals.sort((a, b) -> Integer.compare(a.start(), b.start()));
        List<Removal> merged = new ArrayList<>();
        for (Removal removal : removals) {
            Removal last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && removal.start() < last.end()) {
                String label = last.replacement().equals(EMAIL_REMOVED) ? EMAIL_REMOVED : removal.replacement();
                merged.set(merged.size() - 1, new Removal(last.start(), Math.max(last.end(), removal.end()), label));
            } else {
                merged.add(removal);
            }
        }
        return merged;
    }

    private static RedactedText replace(String raw, List<Removal> removals) {
        StringBuilder out = new StringBuilder(raw.length());
        int copied = 0;
        for (Removal removal : removals) {
            out.append(raw, copied, removal.start()).append(removal.replacement());
            copied = removal.end();
        }
        out.append(raw, copied, raw.length());
        return new RedactedText(out.toString(), removals.size());
    }
}
