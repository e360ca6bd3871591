package org.stepcalls.forum;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search result's excerpt: up to {@link #MAX_WORDS} words of the source as written, from a few words
 * before the first word that matches the search (else from the start), "…" where cut — Discourse's blurb.
 *
 * <p>Cut here rather than by PostgreSQL's ts_headline, which parses and stems every word of the text it
 * is given: 0.45 ms per post of 3,800 characters, 22 ms for a page of fifty (BENCHMARKS, search round
 * five), on the database's CPU. A word matches when it begins with one of the query's stems (what
 * PostgreSQL's english stemmer kept of the words searched for: "meeting" is searched as "meet"), or with
 * the stemmer's "i" and "y" exchanged ("citi" for "city", "sky" for "skies"). The text is a substring of the stored
 * source, never rejoined: nothing the source keeps apart reads together here.
 */
public final class SearchExcerpt {

    static final int MAX_WORDS = 30;
    /** However few its words: a line of CJK script or of symbols is one "word" to this reading. */
    static final int MAX_CHARS = 300;
    /** How much of a body is looked through; the query reads one character more, to know whether it was cut. */
    public static final int SOURCE_CHARS = 4000;
    /** Words shown before the first match, so that it is read in its sentence. */
    static final int WORDS_BEFORE = 8;

    /** A lexeme in tsquery's text form: 'meet' & 'tuesday', 'see' <-> 'kettl', !'rota'; '' is a quote. */
    private static final Pattern LEXEME = Pattern.compile("(!?)'((?:[^']|'')*)'");

    private SearchExcerpt() {
    }

    /** The stems a query searches for, from its text form (a negated one is never in a match). */
    public static List<String> stems(String tsquery) {
        List<String> stems = new ArrayList<>();
        if (tsquery == null) {
            return stems;
        }
        Matcher lexeme = LEXEME.matcher(tsquery);
        while (lexeme.find()) {
            if (lexeme.group(1).isEmpty()) {
                stems.add(lexeme.group(2).replace("''", "'").toLowerCase(Locale.ROOT));
            }
        }
        return stems;
    }

    /** The excerpt of {@code body} (its first SOURCE_CHARS, or more: then it was cut) for a search for {@code stems}. */
    public static String of(String body, List<String> stems) {
        String text = body == null ? "" : body;
        boolean cut = text.length() > SOURCE_CHARS;
        if (cut) {
            text = text.substring(0, startOfCodePoint(text, SOURCE_CHARS));
        }
        text = text.strip();
        List<int[]> words = words(text);
        int start = 0;
        int end = text.length();
        if (words.size() > MAX_WORDS) {
            int first = 0;
            for (int i = 0; i < words.size(); i++) {
                if (matches(text.substring(words.get(i)[0], words.get(i)[1]).toLowerCase(Locale.ROOT), stems)) {
                    first = Math.max(0, i - WORDS_BEFORE);
                    break;
                }
            }
            first = Math.min(first, words.size() - MAX_WORDS);
            int last = first + MAX_WORDS - 1;
            start = first == 0 ? 0 : words.get(first)[0];
            end = last == words.size() - 1 ? text.length() : words.get(last)[1];
        }
        if (end - start > MAX_CHARS) {
            end = startOfCodePoint(text, start + MAX_CHARS);
        }
        return (start > 0 ? "…" : "") + text.substring(start, end) + (end < text.length() || cut ? "…" : "");
    }

    /** {@code at}, or one before it when it would split a surrogate pair. */
    private static int startOfCodePoint(String text, int at) {
        return at > 0 && at < text.length() && Character.isLowSurrogate(text.charAt(at)) ? at - 1 : at;
    }

    private static boolean matches(String word, List<String> stems) {
        for (String stem : stems) {
            if (stem.isEmpty()) {
                continue;
            }
            if (Character.isDigit(stem.charAt(0)) ? word.equals(stem) : word.startsWith(stem)) {
                return true;
            }
            // the stemmer's "i" for "y" and back ("citi": city; "sky": skies), "ie" for "y" ("lie": lying)
            if (stem.length() > 2 && (stem.endsWith("i") && word.startsWith(stem.substring(0, stem.length() - 1) + "y")
                    || stem.endsWith("y") && word.startsWith(stem.substring(0, stem.length() - 1) + "i")
                    || stem.endsWith("ie") && word.startsWith(stem.substring(0, stem.length() - 2) + "y"))) {
                return true;
            }
        }
        return false;
    }

    /** Where each word is: runs of letters and digits, with an apostrophe inside a word kept in it. */
    private static List<int[]> words(String text) {
        List<int[]> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!Character.isLetterOrDigit(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < text.length()) {
                cp = text.codePointAt(i);
                boolean apostropheInside = (cp == '\'' || cp == '’') && i + 1 < text.length()
                        && Character.isLetterOrDigit(text.codePointAt(i + 1));
                if (!Character.isLetterOrDigit(cp) && !apostropheInside) {
                    break;
                }
                i += Character.charCount(cp);
            }
            words.add(new int[] { start, i });
        }
        return words;
    }
}
