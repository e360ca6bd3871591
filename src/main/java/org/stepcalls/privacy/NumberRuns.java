package org.stepcalls.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds, in a {@link ReaderProjection}, the numbers someone could ring: runs of digit groups and
 * number words joined by short separators that hold no letter or digit ("07700 **900** 123",
 * "07700•900•123", "oh seven seven …"). Dates, times, years and thousands counts inside a run
 * are protected, so "27/11/2026 19:30" and "1,250" stay. One linear pass, no backtracking.
 */
final class NumberRuns {

    /** Fewer digits than this is a count, a year, a time or a short code, not someone's number. */
    static final int MIN_DIGITS = 9;
    /** This many number words in a row is a number read out, whatever it adds up to. */
    static final int MIN_WORDS = 7;
    /** Visible separator characters allowed between two groups; spaces and Markdown syntax weigh nothing. */
    static final int MAX_SEPARATOR_WEIGHT = 4;
    /** Bare digits that, beside a date or time in a run of nine or more digits, make it a number ("07/7/00 900 123"). */
    private static final int MIN_UNPROTECTED_BESIDE_PROTECTED = 4;
    private static final String WEIGHTLESS = " *_~`[]()<>#\\|^";

    /** A digit group or a number word, at {@code [start, end)} of the projection. */
    private record Item(int start, int end, String digits, int words, boolean pure, boolean gluedLeft,
            boolean gluedRight) {
    }

    /** A protected token (date, time, year, count) or one unprotected item. */
    private record Unit(int start, int end, String digits, int words, boolean isProtected) {
    }

    private NumberRuns() {
    }

    /** {@code [start, end)} spans of the projection text that are phone numbers. */
    static List<int[]> find(String text) {
        List<int[]> spans = new ArrayList<>();
        List<Item> run = new ArrayList<>();
        Item previous = null;
        for (Item item : items(text)) {
            if (previous != null && !joins(text, previous, item)) {
                judge(text, run, spans);
                run.clear();
            }
            run.add(item);
            previous = item;
        }
        judge(text, run, spans);
        return spans;
    }

    private static boolean joins(String text, Item left, Item right) {
        if (left.gluedRight() || right.gluedLeft()) {
            return false;
        }
        int weight = 0;
        char previous = 0;
        for (int i = left.end(); i < right.start(); i++) {
            char c = text.charAt(i);
            if (c == ReaderProjection.BREAK || Character.isLetterOrDigit(c)) {
                return false;
            }
            // a row of one character ("....." or "-----") reads as one separator
            boolean weighs = WEIGHTLESS.indexOf(c) < 0 && !Character.isLowSurrogate(c) && c != previous;
            if (weighs && ++weight > MAX_SEPARATOR_WEIGHT) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    // ---- items: words of the projection read as digit groups or number words

    private static List<Item> items(String text) {
        List<Item> items = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!Character.isLetterOrDigit(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int end = i;
            while (end < n && Character.isLetterOrDigit(text.codePointAt(end))) {
                end += Character.charCount(text.codePointAt(end));
            }
            readWord(text, i, end, items);
            i = end;
        }
        return items;
    }

    private static void readWord(String text, int start, int end, List<Item> items) {
        String word = text.substring(start, end);
        boolean hasDigit = false;
        boolean allDigitLike = true;
        boolean allZeroOneLetters = true;
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            hasDigit |= isDigit(c);
            allDigitLike &= isDigit(c) || isDigitLetter(c);
            allZeroOneLetters &= c == 'O' || c == 'o' || c == 'l';
        }
        boolean afterApostrophe = start > 0 && (text.charAt(start - 1) == '\'' || text.charAt(start - 1) == '\u2019');
        if (allDigitLike && (hasDigit || (allZeroOneLetters && !afterApostrophe))) {
            items.add(new Item(start, end, asDigits(word), 0, !word.chars().anyMatch(c -> !isDigit((char) c)), false,
                    false));
            return;
        }
        if (!hasDigit) {
            List<String> words = NumberWords.split(word);
            if (!words.isEmpty()) {
                items.add(new Item(start, end, NumberWords.digits(words), words.size(), false, false, false));
            }
            return;
        }
        digitGroupsInsideWord(word, start, items);
    }

    /** "tel07700": the digit-like stretches of a word that also has letters, each marked as glued to them. */
    private static void digitGroupsInsideWord(String word, int offset, List<Item> items) {
        int k = 0;
        while (k < word.length()) {
            if (!isDigit(word.charAt(k)) && !isDigitLetter(word.charAt(k))) {
                k++;
                continue;
            }
            int end = k;
            boolean hasDigit = false;
            while (end < word.length() && (isDigit(word.charAt(end)) || isDigitLetter(word.charAt(end)))) {
                hasDigit |= isDigit(word.charAt(end));
                end++;
            }
            if (hasDigit) {
                String part = word.substring(k, end);
                items.add(new Item(offset + k, offset + end, asDigits(part), 0, part.chars().allMatch(c -> isDigit((char) c)),
                        k > 0, end < word.length()));
            }
            k = end;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Letters that stand for 0 and 1 inside a run of digits: O, o, l, I. */
    private static boolean isDigitLetter(char c) {
        return c == 'O' || c == 'o' || c == 'l' || c == 'I';
    }

    private static String asDigits(String word) {
        StringBuilder digits = new StringBuilder(word.length());
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            digits.append(c == 'O' || c == 'o' ? '0' : c == 'l' || c == 'I' ? '1' : c);
        }
        return digits.toString();
    }

    // ---- judging a run

    private static void judge(String text, List<Item> run, List<int[]> spans) {
        if (run.isEmpty() || (digitCount(run) < MIN_DIGITS && wordCount(run) < MIN_WORDS)) {
            return;
        }
        List<Unit> units = units(text, run);
        Totals totals = new Totals(units);
        int first = 0;
        int last = units.size();
        if (!totals.isNumber(first, last)) {
            return;
        }
        while (units.get(first).isProtected() && totals.isNumber(first + 1, last)) {
            first++;
        }
        while (units.get(last - 1).isProtected() && totals.isNumber(first, last - 1)) {
            last--;
        }
        for (int[] part : listParts(text, units, totals, first, last)) {
            spans.add(new int[] { units.get(part[0]).start(), units.get(part[1] - 1).end() });
        }
    }

    /** Where a run is several numbers listed ("07700 900001, 07700 900002"), each on its own; else the whole run. */
    private static List<int[]> listParts(String text, List<Unit> units, Totals totals, int first, int last) {
        List<int[]> parts = new ArrayList<>();
        int start = first;
        for (int k = first + 1; k < last; k++) {
            if (isListSeparator(text, units.get(k - 1).end(), units.get(k).start()) && totals.isNumber(start, k)) {
                parts.add(new int[] { start, k });
                start = k;
            }
        }
        if (parts.isEmpty() || totals.isNumber(start, last)) {
            parts.add(new int[] { start, last });
            return parts;
        }
        return List.<int[]>of(new int[] { first, last });
    }

    private static boolean isListSeparator(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == ',' || text.charAt(i) == ';') {
                return true;
            }
        }
        return false;
    }

    /** Prefix sums over a run's units, so that any stretch of it is judged in constant time. */
    private static final class Totals {
        private final int[] all;
        private final int[] unprotected;
        private final int[] words;
        private final String digits;

        Totals(List<Unit> units) {
            int n = units.size();
            all = new int[n + 1];
            unprotected = new int[n + 1];
            words = new int[n + 1];
            StringBuilder concatenated = new StringBuilder();
            for (int k = 0; k < n; k++) {
                Unit unit = units.get(k);
                all[k + 1] = all[k] + unit.digits().length();
                unprotected[k + 1] = unprotected[k] + (unit.isProtected() ? 0 : unit.digits().length());
                words[k + 1] = words[k] + unit.words();
                concatenated.append(unit.digits());
            }
            digits = concatenated.toString();
        }

        /** Enough digits or number words to ring, and not just a date, a time or a year beside a small count. */
        boolean isNumber(int from, int to) {
            if (from >= to) {
                return false;
            }
            int bare = unprotected[to] - unprotected[from];
            if (bare >= MIN_DIGITS || words[to] - words[from] >= MIN_WORDS) {
                return true;
            }
            int total = all[to] - all[from];
            return total >= MIN_DIGITS && bare > 0
                    && (bare >= MIN_UNPROTECTED_BESIDE_PROTECTED || phoneShaped(all[from], total));
        }

        /** A UK number with its leading 0 (10 or 11 digits) or an international one (00…, 44…). */
        private boolean phoneShaped(int offset, int length) {
            char first = digits.charAt(offset);
            char second = length > 1 ? digits.charAt(offset + 1) : ' ';
            if (first == '0') {
                return (length >= 10 && length <= 11) || (length > 11 && second == '0');
            }
            return first == '4' && second == '4' && length >= 11 && length <= 13;
        }
    }

    private static int digitCount(List<Item> run) {
        return run.stream().mapToInt(item -> item.digits().length()).sum();
    }

    private static int wordCount(List<Item> run) {
        return run.stream().mapToInt(Item::words).sum();
    }

    /** The run's items with dates, times, years and counts grouped into protected units. */
    private static List<Unit> units(String text, List<Item> run) {
        List<Unit> units = new ArrayList<>();
        if (OrdinaryNumbers.isThousandsCount(text, run.stream().map(Item::start).toList(),
                run.stream().map(Item::end).toList())) {
            units.add(new Unit(run.get(0).start(), run.get(run.size() - 1).end(), digitsOf(run, 0, run.size()), 0, true));
            return units;
        }
        int k = 0;
        while (k < run.size()) {
            int length = protectedLength(text, run, k);
            if (length > 0) {
                units.add(new Unit(run.get(k).start(), run.get(k + length - 1).end(), digitsOf(run, k, k + length), 0, true));
                k += length;
            } else {
                Item item = run.get(k);
                units.add(new Unit(item.start(), item.end(), item.digits(), item.words(), false));
                k++;
            }
        }
        return units;
    }

    /** How many items from {@code k} make a date, a time or a year (0: none). */
    private static int protectedLength(String text, List<Item> run, int k) {
        for (int length = 3; length >= 1; length--) {
            if (k + length > run.size()) {
                continue;
            }
            List<Item> candidate = run.subList(k, k + length);
            if (!candidate.stream().allMatch(Item::pure)) {
                continue;
            }
            List<String> groups = candidate.stream().map(Item::digits).toList();
            List<String> separators = new ArrayList<>();
            for (int s = 1; s < length; s++) {
                separators.add(text.substring(candidate.get(s - 1).end(), candidate.get(s).start()));
            }
            if (OrdinaryNumbers.isDateTimeOrYear(groups, separators)) {
                return length;
            }
        }
        return 0;
    }

    private static String digitsOf(List<Item> run, int from, int to) {
        StringBuilder digits = new StringBuilder();
        for (int k = from; k < to; k++) {
            digits.append(run.get(k).digits());
        }
        return digits.toString();
    }
}
