package org.stepcalls.calls;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The caller's initial, all that others see of their name (R16): one user-perceived character,
 * capitalised as a name's first letter is. {@code String.toUpperCase} is wrong here: "ß" becomes
 * "SS", "ﬁ" becomes "FI", Georgian turns into its capitals, and cutting one UTF-16 unit splits a
 * supplementary letter or drops a letter's combining marks.
 */
final class CallerInitial {

    private static final Pattern FIRST_GRAPHEME = Pattern.compile("^\\X");
    /** A letter with this many marks on it is no one's name; the column keeps eight code points. */
    static final int MAX_CODE_POINTS = 8;

    private CallerInitial() {
    }

    /** The initial of a first name that passed the name rule (it starts with a letter). */
    static String of(String firstName) {
        String cluster = firstGrapheme(Normalizer.normalize(firstName.strip(), Normalizer.Form.NFC));
        int first = cluster.codePointAt(0);
        if (!hasCase(first)) {
            // a ligature or another compatibility form begins with its first letter: "ﬁona" with "f"
            cluster = firstGrapheme(Normalizer.normalize(cluster, Normalizer.Form.NFKC));
            first = cluster.codePointAt(0);
        }
        // title case, not upper case: "ǆ" → "ǅ", Georgian keeps its letters, "ı" → "I"
        String initial = new StringBuilder().appendCodePoint(Character.toTitleCase(first))
                .append(cluster, Character.charCount(first), cluster.length()).toString();
        initial = Normalizer.normalize(initial, Normalizer.Form.NFC);
        int length = initial.codePointCount(0, initial.length());
        return length <= MAX_CODE_POINTS ? initial : initial.substring(0, initial.offsetByCodePoints(0, MAX_CODE_POINTS));
    }

    /** Whether a letter is a cased one in its own right ("ǆ", "Σ"), as a compatibility ligature is not. */
    private static boolean hasCase(int codePoint) {
        return Character.toTitleCase(codePoint) != codePoint || Character.isUpperCase(codePoint)
                || Character.isTitleCase(codePoint);
    }

    private static String firstGrapheme(String text) {
        Matcher grapheme = FIRST_GRAPHEME.matcher(text);
        if (!grapheme.find() || grapheme.end() == 0) {
            throw new IllegalArgumentException("a first name has at least one character");
        }
        return grapheme.group();
    }
}
