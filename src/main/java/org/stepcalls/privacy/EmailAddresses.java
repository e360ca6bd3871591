package org.stepcalls.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds e-mail addresses in a {@link ReaderProjection}, however they are written: with spaces
 * around "@" and the dots, with a fullwidth ＠ (NFKC made it "@"), spelt out ("name (at) host
 * (dot) org", "name at host dot org"), with an IDN domain or a non-ASCII local part. A word "at"
 * counts only before a domain whose last label is a known top-level domain, so "meet at the
 * hall" stays; "find us at ukna.org" stays too ("us" is not a name).
 */
final class EmailAddresses {

    private static final String FILLER = " *_~`\\";
    private static final int MAX_LOCAL = 64;
    private static final String[] DOTS = { "(dot)", "[dot]", "{dot}", "<dot>", "(.)", "[.]", "{.}", "<.>", "dot", "period",
            "point" };
    private static final int MAX_LABEL = 63;
    private static final String JOINERS = "_-";
    /**
     * What may stand either side of a spelt "at" like a space: "sam.at.gmail.com", "sam/at/gmail.com",
     * "sam *at* gmail.com". As with a bare "at", only before a known top-level domain: paths and
     * URLs ("/at/minutes.docx", "look.at.the.pdf") stay.
     */
    private static final String AT_WORD_JOINERS = ".+/~|=:*`#;,\\";
    private static final String OPENING_QUOTES = "'\"\u2018\u201C\u201E\u201A\u00AB\u2039\u300C";
    private static final String CLOSING_QUOTES = "'\"\u2019\u201D\u201C\u2018\u00BB\u203A\u300D";
    /** Dots a reader reads as one only between two letters, never with spaces: "sam@example•org", not a bullet list. */
    private static final String TIGHT_DOTS = "\u2022\u25E6\u2E31";
    private static final int MAX_MARKUP_GAP = 12;
    /** Mail providers a reader completes without a top-level domain: "sam@gmail". */
    private static final Set<String> PROVIDERS = Set.of("gmail", "googlemail", "hotmail", "outlook", "yahoo", "icloud",
            "aol", "protonmail", "btinternet", "ymail", "gmx");
    /** Top-level domains that are not English words, so a comma or space before one still reads as a dot. */
    private static final Set<String> LOOSE_TOP_LEVEL = Set.of("com", "org", "net", "uk", "info", "edu", "gov", "io",
            "email", "biz");
    private static final int MAX_LABELS = 8;

    /** Top-level domains an address spelt out with words must end in. */
    private static final Set<String> TOP_LEVEL = Set.of("com", "org", "net", "uk", "edu", "gov", "info", "biz", "io",
            "me", "co", "us", "eu", "de", "fr", "ie", "nl", "es", "it", "ca", "au", "nz", "in", "ru", "ch", "be",
            "at", "se", "no", "dk", "fi", "pl", "pt", "email", "online", "xyz", "app", "dev", "mail", "example", "test",
            "invalid", "scot", "wales", "cymru", "london", "nhs", "ac", "ltd", "plc", "tv", "cc", "ly", "to", "fm",
            "name", "mobi", "pro", "live", "life", "site", "jp", "cn", "br", "mx", "za");
    /** Words before " at " that are never someone's mailbox: "find us at ukna.org", "look at example.com". */
    private static final Set<String> NOT_A_MAILBOX = Set.of("us", "me", "you", "him", "her", "them", "it", "we", "they",
            "i", "is", "are", "was", "were", "be", "been", "am", "look", "looking", "looked", "see", "seen", "meet",
            "find", "found", "online", "available", "here", "there", "more", "read", "visit", "go", "check", "out",
            "details", "information", "website", "site", "page", "posted", "listed", "and", "or", "the",
            "a", "an", "one", "both", "all", "link", "links", "forms", "form", "apply", "register", "book", "join",
            "up", "down", "this", "that", "also", "just", "only", "even", "still", "over", "arrive", "arrived");

    private EmailAddresses() {
    }

    /** {@code [start, end)} spans of the projection text that are e-mail addresses. */
    static List<int[]> find(String text) {
        List<int[]> spans = new ArrayList<>();
        int n = text.length();
        int searchedUpTo = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int[] at = null;
            if (c == '@') {
                boolean bracketed = i > 0 && i + 1 < n && "([{<".indexOf(text.charAt(i - 1)) >= 0
                        && ")]}>".indexOf(text.charAt(i + 1)) >= 0;
                at = bracketed ? new int[] { i - 1, i + 2, 1 } : new int[] { i, i + 1, 1 };
            } else if (c == '(' && text.regionMatches(true, i, "(a)", 0, 3)) {
                at = new int[] { i, i + 3, 1 }; // "sam(a)example.org"
            } else if ((c == '[' || c == '{') && i > 0 && i + 4 <= n && (text.charAt(i + 1) == 'a' || text.charAt(i + 1) == 'A')
                    && text.charAt(i + 2) == (c == '[' ? ']' : '}') && Character.isLetterOrDigit(text.charAt(i - 1))
                    && Character.isLetterOrDigit(text.charAt(i + 3))) {
                at = new int[] { i, i + 3, 1 }; // "sam[a]example.org", glued: "[the guide][a] first" is a reference link
            } else if (c == '%' && text.startsWith("%40", i)) {
                at = new int[] { i, i + 3, 1 }; // URL-encoded, as in a mailto: link
            } else if ((c == 'a' || c == 'A') && i >= searchedUpTo) {
                at = spelledAt(text, i);
            }
            if (at == null) {
                continue;
            }
            boolean symbol = at[2] != 0;
            int domainEnd = domainEnd(text, at[1], symbol);
            if (domainEnd < 0) {
                continue;
            }
            int localStart = localStart(text, at[0], symbol);
            if (localStart < 0) {
                continue;
            }
            spans.add(new int[] { localStart, domainEnd });
            searchedUpTo = domainEnd;
            i = Math.max(i, at[1] - 1);
        }
        return spans;
    }

    /** The word "at" (bare, or in brackets: "(at)", "[at]", "{at}", "<at>") starting at {@code i}: its span and kind. */
    private static int[] spelledAt(String text, int i) {
        if (i + 2 > text.length() || !text.regionMatches(true, i, "at", 0, 2)) {
            return null;
        }
        boolean wordStart = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
        boolean wordEnd = i + 2 == text.length() || !Character.isLetterOrDigit(text.charAt(i + 2));
        if (!wordStart || !wordEnd) {
            return null;
        }
        char before = i > 0 ? text.charAt(i - 1) : ' ';
        char after = i + 2 < text.length() ? text.charAt(i + 2) : ' ';
        boolean bracketed = "([{<".indexOf(before) >= 0 && ")]}>".indexOf(after) >= 0;
        if (bracketed) {
            return new int[] { i - 1, i + 3, 2 };
        }
        if (before == after && JOINERS.indexOf(before) >= 0 && i > 0 && i + 3 <= text.length()) {
            return new int[] { i - 1, i + 3, 2 }; // "sam_at_example_dot_org", "sam-at-example-dot-org"
        }
        if (before == after && AT_WORD_JOINERS.indexOf(before) >= 0 && i > 0 && i + 3 <= text.length()) {
            return new int[] { i - 1, i + 3, 0 }; // "sam.at.gmail.com", "sam *at* gmail.com"
        }
        boolean quoted = OPENING_QUOTES.indexOf(before) >= 0 && CLOSING_QUOTES.indexOf(after) >= 0;
        if (quoted && i > 1 && i + 4 <= text.length() && text.charAt(i - 2) == ' ' && text.charAt(i + 3) == ' ') {
            return new int[] { i - 1, i + 3, 0 }; // sam "at" example.org, sam «at» example.org
        }
        return before == ' ' && after == ' ' ? new int[] { i, i + 2, 0 } : null;
    }

    /** End of the domain after the "@" ending at {@code from}, or -1 when none follows. */
    private static int domainEnd(String text, int from, boolean symbol) {
        int i = skipSpaces(text, from);
        while (symbol && i < text.length() && i - from < MAX_MARKUP_GAP && (isMarkup(text.charAt(i)) || text.charAt(i) == ' ')) {
            i++;
        }
        int labels = 0;
        int end = -1;
        boolean spacedDot = false;
        while (labels < MAX_LABELS) {
            int labelEnd = labelEnd(text, i);
            if (labelEnd == i) {
                break;
            }
            labels++;
            // "sam@gmail", "sam.smith at gmail": a mail provider needs no top-level domain to be read
            if (labels == 1 && PROVIDERS.contains(text.substring(i, labelEnd).toLowerCase(Locale.ROOT))) {
                end = labelEnd;
            }
            // after a spaced or spelt-out dot only a known top-level domain ends an address ("x@y.org. Next" stops at org)
            if (labels >= 2 && acceptedTopLevel(text.substring(i, labelEnd), symbol && !spacedDot)) {
                end = labelEnd;
            }
            int next = afterDot(text, labelEnd);
            if (next < 0 && symbol && labels == 1) {
                // "sam@example org", "sam@example,org": after an "@" a comma or a space before a
                // common top-level domain reads as its dot
                next = looseDot(text, labelEnd);
            }
            if (next < 0) {
                break;
            }
            spacedDot = next - labelEnd > 1 || text.charAt(labelEnd) != '.';
            i = next;
        }
        return end;
    }

    /** Where a common top-level domain starts after a comma or spaces at {@code from}, or -1. */
    private static int looseDot(String text, int from) {
        int i = from;
        if (i < text.length() && text.charAt(i) == ',') {
            i++;
        }
        i = skipSpaces(text, i);
        if (i == from) {
            return -1;
        }
        int end = i;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        boolean wordEnds = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
        return wordEnds && LOOSE_TOP_LEVEL.contains(text.substring(i, end).toLowerCase(Locale.ROOT)) ? i : -1;
    }

    private static boolean acceptedTopLevel(String written, boolean anyLetters) {
        if (written.toLowerCase(Locale.ROOT).startsWith("xn--")) {
            return true; // a punycode top-level domain, read before its dashes are dropped below
        }
        String label = lettersOf(written);
        String lower = label.toLowerCase(Locale.ROOT);
        if (TOP_LEVEL.contains(lower)) {
            return true;
        }
        boolean letters = label.length() >= 2 && label.codePoints().allMatch(Character::isLetter);
        // internationalised top-level domains (.рф, .广告) are too many to list and never English words
        return letters && (anyLetters || label.codePoints().anyMatch(cp -> cp > 127));
    }

    /** Where the label after a dot starts — ".", " . ", " dot ", "(dot)", "[dot]" — or -1 when no dot follows. */
    private static int afterDot(String text, int from) {
        if (from < text.length() && JOINERS.indexOf(text.charAt(from)) >= 0 && joinedDot(text, from)) {
            return from + 5;
        }
        if (from > 0 && from + 1 < text.length() && TIGHT_DOTS.indexOf(text.charAt(from)) >= 0
                && Character.isLetterOrDigit(text.charAt(from - 1)) && Character.isLetterOrDigit(text.charAt(from + 1))) {
            return from + 1;
        }
        int i = skipSpaces(text, from);
        int fullStop = skipBrackets(text, i);
        if (fullStop < text.length() && text.charAt(fullStop) == '.') {
            return skipBrackets(text, skipSpaces(text, fullStop + 1));
        }
        for (String dot : DOTS) {
            if (text.regionMatches(true, i, dot, 0, dot.length())) {
                int end = i + dot.length();
                boolean bracketed = !Character.isLetter(dot.charAt(0));
                boolean wholeWord = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
                if (bracketed || (wholeWord && i > from)) {
                    return skipSpaces(text, end);
                }
            }
        }
        return -1;
    }

    /** "_dot_" or "-dot-" at {@code i}. */
    private static boolean joinedDot(String text, int i) {
        return i + 5 <= text.length() && text.regionMatches(true, i + 1, "dot", 0, 3) && text.charAt(i + 4) == text.charAt(i);
    }

    private static int labelEnd(String text, int from) {
        int i = from;
        while (i < text.length() && i - from < MAX_LABEL) {
            if (i > from && JOINERS.indexOf(text.charAt(i)) >= 0 && joinedDot(text, i)) {
                break;
            }
            int cp = text.codePointAt(i);
            boolean inside = i > from && (cp == '-' || FILLER.indexOf(cp) > 0 || spacedOut(text, i));
            if (!Character.isLetterOrDigit(cp) && !inside) {
                break;
            }
            i += Character.charCount(cp);
        }
        while (i > from && (text.charAt(i - 1) == '-' || FILLER.indexOf(text.charAt(i - 1)) >= 0)) {
            i--;
        }
        return i;
    }

    /** Start of the mailbox before the "@" starting at {@code at}, or -1 when there is none. */
    private static int localStart(String text, int at, boolean symbol) {
        int end = at;
        // a link's text right before "@" reads as the mailbox: "[sam](https://…)@example.org"; so
        // does a word before a little markup shown as text: "sam<!-- -->@example.org"
        if (symbol && end > 0 && CLOSING_QUOTES.indexOf(text.charAt(end - 1)) >= 0) {
            end--; // a quoted mailbox, the quote right before the "@": "\"sam\"@example.org"
        }
        while (end > 0 && (FILLER.indexOf(text.charAt(end - 1)) >= 0 || text.charAt(end - 1) == ']'
                || text.charAt(end - 1) == '[' || (symbol && at - end < MAX_MARKUP_GAP && isMarkup(text.charAt(end - 1))))) {
            end--;
        }
        int start = end;
        while (start > 0 && end - start < MAX_LOCAL) {
            int cp = text.codePointBefore(start);
            boolean allowed = Character.isLetterOrDigit(cp) || "._%+-'!#$&*/=?^`{|}~".indexOf(cp) >= 0;
            boolean spacedDot = (symbol && cp == ' ' && start >= 2 && (text.charAt(start - 2) == '.'
                    || (start < end && text.charAt(start) == '.'))) || (cp == ' ' && spacedOut(text, start - 1));
            if (!allowed && !spacedDot) {
                break;
            }
            start -= Character.charCount(cp);
        }
        while (start < end && !Character.isLetterOrDigit(text.codePointAt(start))) {
            start++;
        }
        if (start == end) {
            return -1;
        }
        if (!symbol && NOT_A_MAILBOX.contains(text.substring(start, end).toLowerCase(Locale.ROOT))) {
            return -1;
        }
        return withSpelledDots(text, start);
    }

    /** "jane dot smith at …": the mailbox also takes the words joined to it by "dot". */
    private static int withSpelledDots(String text, int start) {
        int result = start;
        for (int words = 0; words < MAX_LABELS; words++) {
            int i = result;
            while (i > 0 && text.charAt(i - 1) == ' ') {
                i--;
            }
            int dotStart = -1;
            for (String dot : new String[] { "(dot)", "[dot]", "dot" }) {
                int s = i - dot.length();
                if (s > 0 && text.regionMatches(true, s, dot, 0, dot.length()) && text.charAt(s - 1) == ' ') {
                    dotStart = s;
                    break;
                }
            }
            if (dotStart < 0 || i == result) {
                return result;
            }
            int wordEnd = dotStart;
            while (wordEnd > 0 && text.charAt(wordEnd - 1) == ' ') {
                wordEnd--;
            }
            int wordStart = wordEnd;
            while (wordStart > 0 && Character.isLetterOrDigit(text.charAt(wordStart - 1)) && wordEnd - wordStart < MAX_LOCAL) {
                wordStart--;
            }
            if (wordStart == wordEnd) {
                return result;
            }
            result = wordStart;
        }
        return result;
    }

    /** A space between two single characters, as in "t a m s i n": the reader joins them. */
    private static boolean spacedOut(String text, int space) {
        return text.charAt(space) == ' ' && space >= 1 && space + 1 < text.length()
                && Character.isLetterOrDigit(text.charAt(space - 1)) && Character.isLetterOrDigit(text.charAt(space + 1))
                && (space < 2 || !Character.isLetterOrDigit(text.charAt(space - 2)))
                && (space + 2 >= text.length() || !Character.isLetterOrDigit(text.charAt(space + 2)));
    }

    /** Past the brackets of a link's text around a label: "[example](…).org" reads "example.org". */
    private static int skipBrackets(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ']' || text.charAt(i) == '[')) {
            i++;
        }
        return i;
    }

    /** Characters of HTML or Markdown markup that the renderer shows as text: "<!-- -->", "<>", "[]". */
    private static boolean isMarkup(char c) {
        return "<>!-/[](){}|=:".indexOf(c) >= 0;
    }

    private static String lettersOf(String label) {
        StringBuilder letters = new StringBuilder(label.length());
        label.codePoints().filter(Character::isLetterOrDigit).forEach(letters::appendCodePoint);
        return letters.toString();
    }

    /** Past spaces and the Markdown emphasis or code marks a reader does not see ("jane**@**example.org"). */
    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && FILLER.indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }
}
