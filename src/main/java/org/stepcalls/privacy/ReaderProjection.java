package org.stepcalls.privacy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.owasp.html.Encoding;

/**
 * The text a reader of the rendered page sees, with the source offset each of its characters
 * came from: HTML entities decoded, NFKC applied, invisible characters and combining marks
 * dropped, digits of every script (and look-alike letters such as Cyrillic О) folded to ASCII,
 * every run of white space one space. Markdown link destinations and reference labels are not
 * part of the reading flow (a reader sees only the link text), so they are cut out and appended
 * after a {@link #BREAK}, where they are still checked but never join the text around them.
 */
final class ReaderProjection {

    /** Separates pieces that a reader never sees side by side; nothing joins across it. */
    static final char BREAK = '\n';

    /** Longest link destination followed; a longer one stays in the reading flow. */
    private static final int MAX_DESTINATION = 2_000;
    /** Longest link reference label: CommonMark allows 999 characters. */
    private static final int MAX_LABEL = 999;
    private static final int MAX_ENTITY = 34;
    /**
     * Inline HTML is shown escaped, so "07700<b>900</b>123" reads as markup between digits: tags
     * of these elements are read as separators, not as the letters they are made of.
     */
    private static final Set<String> TAG_NAMES = Set.of("a", "b", "i", "u", "s", "q", "p", "em",
            "strong", "span", "div", "br", "hr", "sub", "sup", "code", "small", "big", "font", "mark", "del", "ins",
            "kbd", "tt", "strike", "var", "samp", "abbr", "cite", "wbr", "img", "bdi", "bdo");
    private static final int MAX_TAG = 80;
    private static final Pattern DEFINITION = Pattern.compile("(?m)^ {0,3}\\[([^\\]\\n]{1,999})\\]:");

    private final StringBuilder text = new StringBuilder();
    private int[] from = new int[64];
    private int[] to = new int[64];
    /** Whether every tag-like {@code <…>} and comment is dropped, as by a client that strips tags. */
    private final boolean anyTag;
    /** Per closer ("-->", "]]>"): where the last search started and what it found (-1: none to the end). */
    private final Map<String, Integer> closerSearchedFrom = new HashMap<>();
    private final Map<String, Integer> closerFound = new HashMap<>();
    /** With {@link #anyTag}: where each dropped tag or comment ends, by where it starts (found once, before reading). */
    private final Map<Integer, Integer> strippedEnds = new HashMap<>();

    private ReaderProjection(boolean anyTag) {
        this.anyTag = anyTag;
    }

    static ReaderProjection of(String source) {
        return rendered(source, new ReaderProjection(false));
    }

    /**
     * The rendered post as a client that strips every tag shows it (Discourse's own renderer, an
     * HTML-to-text view): link destinations set apart as in {@link #of}, and every tag-like
     * {@code <…>} and comment dropped, so "07700<tr x y z>900123" reads "07700900123".
     */
    static ReaderProjection tagsStripped(String source) {
        ReaderProjection projection = new ReaderProjection(true);
        // a link written inside a tag or comment is no link: the renderer takes the whole tag as HTML
        List<int[]> stripped = projection.strippedRanges(source);
        List<int[]> destinations = new ArrayList<>();
        int r = 0;
        for (int[] destination : linkDestinations(source)) {
            while (r < stripped.size() && stripped.get(r)[1] <= destination[0]) {
                r++;
            }
            if (r == stripped.size() || stripped.get(r)[0] > destination[0]) {
                destinations.add(destination);
            }
        }
        return rendered(source, projection, destinations);
    }

    private static ReaderProjection rendered(String source, ReaderProjection projection) {
        return rendered(source, projection, linkDestinations(source));
    }

    /** {@code [start, end)} of each tag and comment the tag-stripping reading drops, in order; remembered for {@link #append}. */
    private List<int[]> strippedRanges(String source) {
        List<int[]> ranges = new ArrayList<>();
        int i = source.indexOf('<');
        while (i >= 0) {
            int end = anyTagEnd(source, i, source.length());
            if (end > 0) {
                ranges.add(new int[] { i, end });
                strippedEnds.put(i, end);
                i = source.indexOf('<', end);
            } else {
                i = source.indexOf('<', i + 1);
            }
        }
        return ranges;
    }

    private static ReaderProjection rendered(String source, ReaderProjection projection, List<int[]> destinations) {
        int next = 0;
        for (int[] destination : destinations) {
            projection.append(source, next, destination[0]);
            next = destination[1];
        }
        projection.append(source, next, source.length());
        for (int[] destination : destinations) {
            projection.emitChar(BREAK, destination[0], destination[0]);
            projection.append(source, destination[0], destination[1]);
        }
        return projection;
    }

    /**
     * The source read as plain text, the way the pages and answers that show it as it is show it
     * (the edit form, revisions, the {@code raw} of the Discourse API, profile and search excerpts):
     * every link destination where it is written ("[07700](900123)", "[0770](0900)765" read on).
     */
    static ReaderProjection asPlainText(String source) {
        ReaderProjection projection = new ReaderProjection(false);
        projection.append(source, 0, source.length());
        return projection;
    }

    /** Text that is already what a reader sees (a rendered page's text): no entities, markup or link destinations to read. */
    static ReaderProjection ofVisibleText(String visible) {
        ReaderProjection projection = new ReaderProjection(false);
        int i = 0;
        while (i < visible.length()) {
            int cp = visible.codePointAt(i);
            int next = i + Character.charCount(cp);
            projection.emit(cp, i, next);
            i = next;
        }
        return projection;
    }

    String text() {
        return text.toString();
    }

    int length() {
        return text.length();
    }

    /** Source offset where the character at {@code index} starts. */
    int sourceStart(int index) {
        return from[index];
    }

    /** Source offset just after the character at {@code index}. */
    int sourceEnd(int index) {
        return to[index];
    }

    /** {@code [start, end)} of each inline link destination {@code (…)} and reference label {@code […]} right after a {@code ]}, in order. */
    private static List<int[]> linkDestinations(String source) {
        int[] closing = matchingParentheses(source);
        boolean[] linkTextEnds = closedBrackets(source);
        List<int[]> found = referenceLabels(source, linkTextEnds);
        int i = source.indexOf("](");
        while (i >= 0) {
            int open = i + 1;
            int close = closing[open];
            if (linkTextEnds[i] && close > 0 && close - open <= MAX_DESTINATION
                    && isDestination(source.substring(open + 1, close))) {
                found.add(new int[] { open, close + 1 });
                i = source.indexOf("](", close + 1);
            } else {
                i = source.indexOf("](", open);
            }
        }
        found.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> apart = new ArrayList<>();
        for (int[] range : found) {
            if (apart.isEmpty() || range[0] >= apart.get(apart.size() - 1)[1]) {
                apart.add(range);
            }
        }
        return apart;
    }

    /**
     * {@code [start, end)} of each reference label {@code [label]} right after a link's text:
     * "[07700][a]" shows "07700" when "[a]: …" is defined. An undefined label is shown as it is
     * ("[07700][900][123]"), so it stays in the reading flow.
     */
    private static List<int[]> referenceLabels(String source, boolean[] linkTextEnds) {
        List<int[]> found = new ArrayList<>();
        Set<String> defined = definedLabels(source);
        if (defined.isEmpty()) {
            return found;
        }
        int i = source.indexOf("][");
        while (i >= 0) {
            int open = i + 1;
            int close = source.indexOf(']', open + 1);
            boolean label = linkTextEnds[i] && close > 0 && close - open <= MAX_LABEL && source.lastIndexOf('[', close) == open
                    && defined.contains(labelKey(source.substring(open + 1, close)));
            if (label) {
                found.add(new int[] { open, close + 1 });
            }
            i = source.indexOf("][", label ? close + 1 : open);
        }
        return found;
    }

    /**
     * Whether the inside of "(…)" after a link's text is a destination the renderer accepts: one
     * word, or one in angle brackets, optionally followed by a quoted title. "[07700 900](123 456)"
     * is not a link; the reader sees it all.
     */
    private static boolean isDestination(String inside) {
        String trimmed = inside.strip();
        if (trimmed.startsWith("<")) {
            return true;
        }
        int space = 0;
        while (space < trimmed.length() && !Character.isWhitespace(trimmed.charAt(space))) {
            space++;
        }
        String title = trimmed.substring(space).strip();
        return title.isEmpty() || (title.length() >= 2 && ((title.startsWith("\"") && title.endsWith("\""))
                || (title.startsWith("'") && title.endsWith("'")) || (title.startsWith("(") && title.endsWith(")"))));
    }

    /** The labels of link reference definitions ("[a]: https://…" at the start of a line), as {@link #labelKey}. */
    private static Set<String> definedLabels(String source) {
        Set<String> labels = new java.util.HashSet<>();
        Matcher definition = DEFINITION.matcher(source);
        while (definition.find()) {
            labels.add(labelKey(definition.group(1)));
        }
        return labels;
    }

    private static String labelKey(String label) {
        return label.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** For each "]", whether a "[" before it in the same paragraph opens it: only then can it end a link's text. */
    private static boolean[] closedBrackets(String source) {
        boolean[] closed = new boolean[source.length()];
        int open = 0;
        for (int j = 0; j < source.length(); j++) {
            char c = source.charAt(j);
            if (c == '\\' && j + 1 < source.length()) {
                j++;
            } else if (c == '[') {
                open++;
            } else if (c == ']' && open > 0) {
                closed[j] = true;
                open--;
            } else if (c == '\n' && j + 1 < source.length() && source.charAt(j + 1) == '\n') {
                open = 0;
            }
        }
        return closed;
    }

    /** For each "(", the index of its ")" within the same paragraph, or 0; one pass with a stack. */
    private static int[] matchingParentheses(String source) {
        int[] closing = new int[source.length()];
        int[] open = new int[source.length()];
        int depth = 0;
        for (int j = 0; j < source.length(); j++) {
            char c = source.charAt(j);
            if (c == '(') {
                open[depth++] = j;
            } else if (c == ')' && depth > 0) {
                closing[open[--depth]] = j;
            } else if (c == '\n' && j + 1 < source.length() && source.charAt(j + 1) == '\n') {
                depth = 0;
            }
        }
        return closing;
    }

    private void append(String source, int start, int end) {
        int i = start;
        while (i < end) {
            int tagEnd = source.charAt(i) != '<' ? -1 : anyTag ? strippedEnd(i, end) : tagEnd(source, i, end);
            if (tagEnd > 0) {
                i = tagEnd;
                continue;
            }
            int entityEnd = source.charAt(i) == '&' ? entityEnd(source, i, end) : -1;
            if (entityEnd > 0) {
                String decoded = Encoding.decodeHtml(source.substring(i, entityEnd), false);
                for (int cp : decoded.codePoints().toArray()) {
                    emit(cp, i, entityEnd);
                }
                i = entityEnd;
                continue;
            }
            int cp = source.codePointAt(i);
            int next = i + Character.charCount(cp);
            emit(cp, i, next);
            i = next;
        }
    }

    /**
     * End of an HTML tag of a known element ({@code <b>}, {@code </span>}, {@code <br/>}) at {@code i},
     * or -1. The renderer shows tags as text, so only a tag with no digit and nothing outside ASCII
     * is read as a mere separator; comments and tags holding digits ({@code <b 07700 …>}) are read
     * as the text they are.
     */
    private static int tagEnd(String source, int i, int end) {
        int limit = Math.min(end, i + MAX_TAG);
        int j = i + 1;
        if (j < limit && source.charAt(j) == '/') {
            j++;
        }
        int nameStart = j;
        while (j < limit && Character.isLetter(source.charAt(j)) && source.charAt(j) < 128) {
            j++;
        }
        if (j == nameStart || !TAG_NAMES.contains(source.substring(nameStart, j).toLowerCase(Locale.ROOT))) {
            return -1;
        }
        int close = j;
        while (close < limit && source.charAt(close) != '>') {
            close++;
        }
        if (close >= limit) {
            return -1; // searched no further than a tag can be long: a text full of "<b" stays linear
        }
        for (int k = j; k < close; k++) {
            char c = source.charAt(k);
            if (c == '<' || c == '&' || c >= 128 || Character.isDigit(c)) {
                return -1;
            }
        }
        return close + 1;
    }

    /** End of the tag or comment dropped at {@code i} when it ends by {@code end}, or -1. */
    private int strippedEnd(int i, int end) {
        int stripped = strippedEnds.getOrDefault(i, -1);
        return stripped <= end ? stripped : -1;
    }

    /**
     * End of anything a tag-stripping reader drops at {@code i}, or -1: a comment, a CDATA section, or
     * {@code <}, an optional {@code /}, {@code !} or {@code ?}, an ASCII letter, and the first
     * {@code >} outside quotes, with no {@code <} outside quotes before it. Not an autolink
     * ({@code <https://…>}, {@code <sam@example.org>}): that is shown. No length limit — a long
     * comment hides as much as a short one — and linear: a scan stops at the next {@code <}, and
     * the end of a comment is searched for once for all the comments that share it.
     */
    private int anyTagEnd(String source, int i, int end) {
        if (source.startsWith("<!--", i)) {
            return closedBy(source, i + 4, end, "-->");
        }
        if (source.startsWith("<![CDATA[", i)) {
            return closedBy(source, i + 9, end, "]]>");
        }
        int j = i + 1;
        boolean named = j < end && source.charAt(j) != '/' && source.charAt(j) != '!' && source.charAt(j) != '?';
        if (!named) {
            j++;
        }
        if (j >= end || !(source.charAt(j) < 128 && Character.isLetter(source.charAt(j)))) {
            return -1;
        }
        char quote = 0;
        boolean spaced = false;
        for (int k = j + 1; k < end; k++) {
            char c = source.charAt(k);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return named && !spaced && isAutolink(source.substring(j, k)) ? -1 : k + 1;
            } else if (c == '<') {
                return -1;
            } else {
                spaced |= Character.isWhitespace(c);
            }
        }
        return -1;
    }

    /** CommonMark's autolinks, shown as their text: a scheme of 2–32 characters and a colon, or an address. */
    private static boolean isAutolink(String inside) {
        int colon = inside.indexOf(':');
        boolean scheme = colon >= 2 && colon <= 32
                && inside.substring(0, colon).chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '.' || c == '-'));
        return scheme || inside.indexOf('@') > 0;
    }

    /** End of the first {@code closer} at or after {@code from} (before {@code end}), or -1; remembered for the next comment. */
    private int closedBy(String source, int from, int end, String closer) {
        Integer known = closerFound.get(closer);
        Integer searchedFrom = closerSearchedFrom.get(closer);
        int at;
        if (searchedFrom != null && searchedFrom <= from && (known < 0 || known >= from)) {
            at = known;
        } else {
            at = source.indexOf(closer, from);
            closerSearchedFrom.put(closer, from);
            closerFound.put(closer, at);
        }
        return at >= 0 && at + closer.length() <= end ? at + closer.length() : -1;
    }

    /** End of a well-formed character reference ({@code &#48;}, {@code &#x40;}, {@code &commat;}) at {@code i}, or -1. */
    private static int entityEnd(String source, int i, int end) {
        int limit = Math.min(end, i + MAX_ENTITY);
        for (int j = i + 1; j < limit; j++) {
            char c = source.charAt(j);
            if (c == ';') {
                if (j == i + 1) {
                    return -1;
                }
                String candidate = source.substring(i, j + 1);
                return Encoding.decodeHtml(candidate, false).equals(candidate) ? -1 : j + 1;
            }
            if (!(Character.isLetterOrDigit(c) && c < 128) && !(c == '#' && j == i + 1)) {
                return -1;
            }
        }
        return -1;
    }

    private void emit(int cp, int start, int end) {
        if (cp < 128) {
            emitAscii((char) cp, start, end);
            return;
        }
        if (Invisibles.dropped(cp)) {
            return;
        }
        int folded = Lookalikes.fold(cp);
        if (folded != cp) {
            emitAscii((char) folded, start, end);
            return;
        }
        if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
            emitAscii((char) ('0' + Character.digit(cp, 10)), start, end);
            return;
        }
        String normal = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC);
        int[] parts = normal.codePoints().toArray();
        if (parts.length == 1 && parts[0] == cp) {
            emitOther(cp, start, end);
            return;
        }
        for (int part : parts) {
            if (part < 128) {
                emitAscii((char) part, start, end);
            } else if (!Invisibles.dropped(part)) {
                int again = Lookalikes.fold(part);
                if (again != part) {
                    emitAscii((char) again, start, end);
                } else if (Character.getType(part) == Character.DECIMAL_DIGIT_NUMBER) {
                    emitAscii((char) ('0' + Character.digit(part, 10)), start, end);
                } else {
                    emitOther(part, start, end);
                }
            }
        }
    }

    /** A code point NFKC leaves alone: white space, a number sign such as ❶, or itself. */
    private void emitOther(int cp, int start, int end) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            emitAscii(' ', start, end);
            return;
        }
        int type = Character.getType(cp);
        int value = Character.getNumericValue(cp);
        if ((type == Character.OTHER_NUMBER || type == Character.LETTER_NUMBER) && value >= 0) {
            for (char digit : Integer.toString(value).toCharArray()) {
                emitChar(digit, start, end);
            }
            return;
        }
        for (char c : Character.toChars(cp)) {
            emitChar(c, start, end);
        }
    }

    private void emitAscii(char c, int start, int end) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
            int last = text.length() - 1;
            if (last >= 0 && text.charAt(last) == ' ') {
                to[last] = Math.max(to[last], end);
                return;
            }
            emitChar(' ', start, end);
            return;
        }
        if (c < 0x20 || c == 0x7F) {
            return;
        }
        emitChar(c, start, end);
    }

    private void emitChar(char c, int start, int end) {
        int index = text.length();
        if (index == from.length) {
            from = Arrays.copyOf(from, index * 2);
            to = Arrays.copyOf(to, index * 2);
        }
        text.append(c);
        from[index] = start;
        to[index] = end;
    }
}
