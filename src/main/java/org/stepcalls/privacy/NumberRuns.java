package org.stepcalls.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds, in a {@link ReaderProjection}, the numbers someone could ring: runs of digit groups and
 * number words joined by short separators that hold no letter or digit ("07700 **900** 123",
 * "07700•900•123", "oh seven seven …"). Dates, times, years and thousands counts inside a run
 * are protected, so "27/11/2026 19:30" and "1,250" stay. A few linear passes, no backtracking.
 */
final class NumberRuns {

    /** Fewer digits than this is a count, a year, a time or a short code, not someone's number. */
    static final int MIN_DIGITS = 9;
    /** This many number words in a row is a number read out, whatever it adds up to. */
    static final int MIN_WORDS = 7;
    /** Different visible separator characters allowed between two groups; spaces and Markdown syntax weigh nothing. */
    static final int MAX_SEPARATOR_WEIGHT = 4;
    /** Bare digits that, beside a date or time in a run of nine or more digits, make it a number ("07/7/00 900 123"). */
    private static final int MIN_UNPROTECTED_BESIDE_PROTECTED = 4;
    private static final int MAX_BRIDGE_WORDS = 2;
    /** Five runs hold an 11-digit number in pairs ("07x70x09x00x123"); three when spaces stand between. */
    private static final int MAX_BRIDGED_RUNS = 5;
    private static final int MAX_SPACED_RUNS = 3;
    private static final int MAX_BRIDGE_WORD = 10;
    private static final int MAX_BRIDGE_GAP = 30;
    private static final String DIGIT_LETTERS = "OolIZESB";
    private static final String LETTER_DIGITS = "00112358";
    private static final String WEIGHTLESS = " *_~`[]()<>#\\|^";

    /** A digit group or a number word, at {@code [start, end)} of the projection; {@code spelt}: its number words, if any. */
    private record Item(int start, int end, String digits, int words, boolean pure, boolean gluedLeft,
            boolean gluedRight, List<String> spelt, boolean added) {

        Item(int start, int end, String digits, int words, boolean pure, boolean gluedLeft, boolean gluedRight) {
            this(start, end, digits, words, pure, gluedLeft, gluedRight, List.of(), false);
        }

        Item(int start, int end, String digits, int words, List<String> spelt) {
            this(start, end, digits, words, false, false, false, spelt, false);
        }
    }

    /** Between two number words that add up: "sixty two", "sixty-two". */
    private static final Pattern SPACE_GAP = Pattern.compile("[ \\-‐‑‒–—−_~]{1,3}");
    /** Between "hundred" and the number it is followed by: "nine hundred and five". */
    private static final Pattern AND_GAP = Pattern.compile("(?i)[ ,\\-]{1,3}(?:and|&|'n'|n)[ \\-]{1,3}");
    /** Letters spelt one by one into a number word: "n-i-n-e", "s i x". */
    private static final int MAX_SPELT_LETTERS = 12;
    private static final int MAX_SPELT_GAP = 8;
    /** What may cut a number word into pieces ("zer-o", "se.ven"), and into how many. */
    private static final String SYLLABLE_SIGNS = "-‐‑.·_'’*";
    private static final int MAX_SYLLABLES = 3;
    /** How far apart the two halves of a number may be written and still be read as one: "07700 … and it ends 900562". */
    private static final int MAX_HALVES_GAP = 80;
    /** A UK mobile, or a geographic or non-geographic number, from its 0. */
    private static final Pattern UK_NUMBER = Pattern.compile("0(7\\d{9}|[1-3]\\d{8,9})");
    /**
     * A word saying a phone number comes, up to two words before it: "Ring 0770", "my mobile starts 0770", "Ring: **0770**".
     * Letters and digits either side are looked for by class, not by \b (ASCII-only by default since Java 19).
     */
    private static final Pattern PHONE_CUE = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])(?:ring|call|text|phone|mobile|mob|number"
            + "|tel|cell|dial|whatsapp|starts?|begins?|it'?s|it’s)(?!\\p{L})[^\\p{L}\\p{N}]{0,6}(?:\\p{L}{1,12}[^\\p{L}\\p{N}]{1,6}){0,2}$");
    /** A while said: "one sec", "2 mins", "two ticks" — a count after a number's first part that is passed over. */
    private static final Pattern A_WHILE = Pattern.compile("(?iu)\\s{0,3}(?:sec|secs|second|seconds|min|mins|minute|minutes|moment"
            + "|mo|tick|ticks|jiffy)(?![\\p{L}\\p{N}])");
    /**
     * The first part of one written in parts: five digits at least (a time such as 0700 is not one), a London 02x, or
     * a mobile's first four from 0760 to 0799, which no time of day is.
     */
    private static final Pattern NUMBER_START = Pattern.compile("0[1-37]\\d{3,8}|02\\d|07[6-9]\\d");

    /** A protected token (date, time, year, count) or one unprotected item. */
    private record Unit(int start, int end, String digits, int words, boolean isProtected) {
    }

    private NumberRuns() {
    }

    /** {@code [start, end)} spans of the projection text that are phone numbers. */
    static List<int[]> find(String text) {
        List<Item> items = items(text);
        List<Item> literal = compounds(text, items, false);
        List<int[]> spans = find(text, literal);
        // "nine hundred five" is 905 to some readers and 90005 to others: both readings are tried
        if (items.stream().anyMatch(item -> item.spelt().contains("hundred"))) {
            List<Item> added = compounds(text, items, true);
            if (!added.equals(literal)) {
                spans.addAll(find(text, added));
            }
        }
        return spans;
    }

    private static List<int[]> find(String text, List<Item> items) {
        List<int[]> spans = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        List<Item> run = new ArrayList<>();
        Item previous = null;
        for (Item item : items) {
            if (previous != null && !joins(text, previous, item)) {
                close(text, run, spans, segments);
                run = new ArrayList<>();
            }
            run.add(item);
            previous = item;
        }
        close(text, run, spans, segments);
        bridgeShortWords(text, segments, spans);
        halvesOfANumber(text, segments, spans);
        return spans;
    }

    /**
     * "It starts 07700 and then it ends with 900562", "Call 07700 after 6, ask for zelda, 900562", "07700 900 and
     * the last three are 562", or the parts in paragraphs of their own: a UK number's first digits (with its 0 or 44, five
     * digits at least, so a time like 0700 is not one) and the rest, in up to four runs each close to the last,
     * are one number to a reader whatever stands between (up to two counts of a digit or two are passed over).
     * Each part is removed; the words between stay.
     */
    private static void halvesOfANumber(String text, List<Segment> segments, List<int[]> spans) {
        for (int k = 0; k + 1 < segments.size(); k++) {
            Segment first = segments.get(k);
            List<int[]> parts = new ArrayList<>(List.of(new int[] { first.start(), first.end() }));
            // begun in one group of digits (or eight digits in groups), or in five number words said one by one:
            // "Oh, twenty of us … two thousand three hundred" and "Cardiff (029) 98 calls. Charity no. 01234" are
            // counts, "oh seven seven oh oh, and the rest is 900562" a number
            boolean begun = first.spelt() ? first.digits().length() >= 5 && !first.added()
                    : first.oneGroup() || first.digits().length() >= 8;
            if (first.bare() && begun && startsANumber(first.digits())
                    && completes(segments, k + 1, first.digits(), first.end(), parts) && fourDigitStartHolds(text, first.start(), first.digits(), parts)) {
                spans.addAll(parts);
            } else if (first.beforeCount() >= 0 && national(first.digitsBeforeCount()).startsWith("07")
                    && startsANumber(first.digitsBeforeCount())) {
                // a while said after a mobile's first part: "Ring 07700, one sec, 900562" ("one" is no part of it), or
                // a count after one announced; never a count of something unannounced ("Prefix 07712 one call, 123456
                // minutes") or after an area code
                // ("Bradford (01274) 12 calls, Hull (01482) 9 calls" is a table)
                parts = new ArrayList<>(List.of(new int[] { first.start(), first.beforeCount() }));
                if (completes(segments, k + 1, first.digitsBeforeCount(), first.end(), parts)
                        && fourDigitStartHolds(text, first.start(), first.digitsBeforeCount(), parts)) {
                    spans.addAll(parts);
                }
            }
        }
    }

    /**
     * A mobile begun in four digits is one said as a number ("Ring 0770, the rest is 0900562", "my mobile starts
     * 0770 …") and finished in one part: four digits are as often a room, a form or a meeting ID ("Form 0781 and
     * member number 1234567", "Room 0770 is upstairs, 120 chairs and 4500 cups").
     */
    private static boolean fourDigitStartHolds(String text, int start, String first, List<int[]> parts) {
        return national(first).length() != 4 || parts.size() == 2 && cuedAt(text, start);
    }

    /** Whether a word such as "ring" or "mobile" stands just before {@code start}. */
    private static boolean cuedAt(String text, int start) {
        return PHONE_CUE.matcher(text).region(Math.max(0, start - 40), start).useTransparentBounds(true).find();
    }

    private static boolean startsANumber(String digits) {
        return NUMBER_START.matcher(national(digits)).matches();
    }

    /** Whether later runs complete {@code digits} to a UK number; {@code parts} gets the spans that do. */
    private static boolean completes(List<Segment> segments, int next, String digits, int lastEnd, List<int[]> parts) {
        if (parts.size() == 4) {
            return false;
        }
        for (int j = next; j < segments.size() && j < next + 3; j++) {
            Segment part = segments.get(j);
            if (part.start() - lastEnd > MAX_HALVES_GAP) {
                return false;
            }
            if (part.digits().length() <= 2) {
                continue; // a small count passed over: "07700, ask after 6, 900562"
            }
            if (completesWith(segments, j, part.start(), part.digits(), digits, parts)
                    || (part.digitsAfterCount() != null && completesWith(segments, j, part.afterCount(), part.digitsAfterCount(), digits, parts))) {
                return true;
            }
            return false; // another number between: "(020) 312 calls, (0113) 145 calls, (029) 98 calls" is a table
        }
        return false;
    }

    private static boolean completesWith(List<Segment> segments, int j, int start, String partDigits, String digits, List<int[]> parts) {
        Segment part = segments.get(j);
        String joined = digits + partDigits;
        // a part of three digits only after a mobile's start: "the 01632 area, 120 minutes, 250 calls" and
        // "company no. 03456789 and 120 groups" are counts, "07700, then 900, and the last bit is 562" a number
        int shortest = national(digits).startsWith("07") ? 3 : 4;
        if (!part.bare() || partDigits.length() < shortest || national(joined).length() > 11) {
            return false;
        }
        parts.add(new int[] { start, part.end() });
        if (UK_NUMBER.matcher(national(joined)).matches() || completes(segments, j + 1, joined, part.end(), parts)) {
            return true;
        }
        parts.remove(parts.size() - 1);
        return false;
    }

    /** The digits with a leading 44, 44 (0) or 0044 read as the 0 it stands for. */
    private static String national(String digits) {
        if (digits.startsWith("0044")) {
            digits = digits.substring(2);
        }
        return digits.startsWith("440") ? digits.substring(2) : digits.startsWith("44") ? "0" + digits.substring(2) : digits;
    }

    /**
     * Number words that add up, read as a reader adds them: "sixty two" → 62, "nine hundred and five" → 905,
     * (each is a word of its own, so an item of its own, until here).
     */
    private static List<Item> compounds(String text, List<Item> items, boolean hundredsAdd) {
        List<Item> out = new ArrayList<>(items.size());
        for (Item item : items) {
            Item last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && !last.spelt().isEmpty() && !item.spelt().isEmpty()) {
                String lastWord = last.spelt().get(last.spelt().size() - 1);
                String gap = text.substring(last.end(), item.start());
                boolean and = lastWord.equals("hundred") && AND_GAP.matcher(gap).matches();
                if (NumberWords.takesMore(lastWord) && (and || SPACE_GAP.matcher(gap).matches())) {
                    List<String> words = new ArrayList<>(last.spelt());
                    if (and) {
                        words.add("and");
                    }
                    words.addAll(item.spelt());
                    String digits = NumberWords.digits(words, hundredsAdd);
                    if (!digits.equals(last.digits() + item.digits())) { // added up: one number said, one word of a run
                        out.set(out.size() - 1, new Item(last.start(), item.end(), digits, last.words(), false,
                                last.gluedLeft(), item.gluedRight(), words, true));
                        continue;
                    }
                }
            }
            out.add(item);
        }
        return out;
    }

    /**
     * A run already read, kept for {@link #bridgeShortWords}: where it is, its digits, whether it holds no date, time
     * or count, whether a number word is in it, whether number words in it add up ("sixty two"), whether it is
     * one group of digits as written, where it starts and what it reads without a count of a digit or two it begins
     * with (else -1 and null), and where it ends and what it reads without such a count after one group of digits.
     */
    private record Segment(int start, int end, String digits, boolean bare, boolean spelt, boolean added, boolean oneGroup, int afterCount,
            String digitsAfterCount, int beforeCount, String digitsBeforeCount) {
    }

    private static void close(String text, List<Item> run, List<int[]> spans, List<Segment> segments) {
        if (run.isEmpty()) {
            return;
        }
        String digits = digitsOf(run, 0, run.size());
        boolean added = run.stream().anyMatch(Item::added);
        // numbers said as they add up ("thirty, sixty, ninety, one hundred and eighty days") are counts, unless
        // they start as a phone number does ("oh seven seven double oh, nine hundred and five, …"); what follows
        // the last of them is judged on its own: "Meet at seven forty-five: 07700 900123"
        if (!added || digits.startsWith("0") || digits.startsWith("44")) {
            judge(text, run, spans);
        } else {
            int lastAdded = run.size() - 1;
            while (!run.get(lastAdded).added()) {
                lastAdded--;
            }
            judge(text, run.subList(lastAdded + 1, run.size()), spans);
        }
        boolean bare = units(text, run).stream().noneMatch(Unit::isProtected);
        // a count glued to a part before it ("the last 6: 900562", "step 4, 900562"): the part is also tried without it
        boolean countFirst = run.size() > 1 && run.get(0).digits().length() <= 2;
        // and a while said after one group of digits ("07700, one sec"), or any count after one a word such as "ring"
        // announced ("Ring 07700, one of us will pick up"): the group is also tried alone as a first part
        List<Item> beforeLast = run.subList(0, run.size() - 1);
        boolean countLast = run.size() > 1 && run.get(run.size() - 1).digits().length() <= 2 && isOneGroup(beforeLast)
                && beforeLast.stream().allMatch(item -> item.words() == 0)
                && (A_WHILE.matcher(text).region(run.get(run.size() - 1).end(), text.length()).lookingAt() || cuedAt(text, run.get(0).start()))
                && units(text, beforeLast).stream().noneMatch(Unit::isProtected);
        segments.add(new Segment(run.get(0).start(), run.get(run.size() - 1).end(), digits, bare,
                run.stream().anyMatch(item -> item.words() > 0), added, isOneGroup(run), countFirst ? run.get(1).start() : -1,
                countFirst ? digitsOf(run, 1, run.size()) : null, countLast ? beforeLast.get(beforeLast.size() - 1).end() : -1,
                countLast ? digitsOf(run, 0, run.size() - 1) : null));
    }

    /** One group of digits as written, after a country code and its "(0)" if any: "07700", "+44 7700", "+44 (0) 7700". */
    private static boolean isOneGroup(List<Item> run) {
        int k = 0;
        if (run.size() > 1 && (run.get(0).digits().equals("44") || run.get(0).digits().equals("0044"))) {
            k = run.size() > 2 && run.get(1).digits().equals("0") ? 2 : 1;
        }
        return run.size() - k == 1;
    }

    /**
     * "07700 and then 900123", "07700 (mobile) 900123", "07700 nine hundred and one two three",
     * "077x00x900x123": two or three runs with at most two short words between each (up to five
     * when the words are glued to the digits), whose digits together make a UK number, are one
     * number. Only that shape counts, so "1004 and 1005" stays.
     */
    private static void bridgeShortWords(String text, List<Segment> segments, List<int[]> spans) {
        for (int k = 0; k + 1 < segments.size(); k++) {
            StringBuilder digits = new StringBuilder(segments.get(k).digits());
            boolean spaced = false;
            for (int last = k + 1; last < Math.min(segments.size(), k + MAX_BRIDGED_RUNS); last++) {
                Segment before = segments.get(last - 1);
                Segment after = segments.get(last);
                // a sentence end parts a table's rows ("Hull (01482) 9 calls. Cardiff (029) 98 calls"), not a mobile's
                // pieces ("Ring 077. Then 00900123"), unless the next row opens as a table's does
                boolean rows = !national(segments.get(k).digits()).startsWith("07") || text.charAt(Math.max(0, after.start() - 1)) == '(';
                if (!before.bare() || !after.bare() || !shortWords(text, before.end(), after.start(), rows)) {
                    break;
                }
                // past three runs only letters glued between: "0800 to 12 then 13 to 17" is a rota
                spaced |= text.substring(before.end(), after.start()).indexOf(' ') >= 0; // a gap of at most MAX_BRIDGE_GAP
                if (spaced && last >= k + MAX_SPACED_RUNS) {
                    break;
                }
                digits.append(after.digits());
                if (segments.get(k).bare() && ukShaped(digits)) {
                    spans.add(new int[] { segments.get(k).start(), after.end() });
                }
            }
        }
    }

    /** At most {@link #MAX_BRIDGE_WORDS} words of at most {@link #MAX_BRIDGE_WORD} letters, in a short gap within one block. */
    private static boolean shortWords(String text, int from, int to, boolean sentencesPart) {
        if (to - from > MAX_BRIDGE_GAP) {
            return false;
        }
        int words = 0;
        int letters = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == ReaderProjection.BREAK || Character.isDigit(c)) {
                return false;
            }
            if (sentencesPart && isSentenceEnd(text, i, to)) {
                return false;
            }
            if (Character.isLetter(c)) {
                if (letters == 0 && ++words > MAX_BRIDGE_WORDS) {
                    return false;
                }
                if (++letters > MAX_BRIDGE_WORD) {
                    return false;
                }
            } else {
                letters = 0;
            }
        }
        return true;
    }

    /**
     * A full stop, "!" or "?", a space, then a capitalised word: "Hull (01482) 9 calls. Cardiff (029) 98 calls" is two
     * sentences of a table, never one number (asked only after a start that is no mobile's).
     */
    private static boolean isSentenceEnd(String text, int i, int to) {
        char c = text.charAt(i);
        if (c != '.' && c != '!' && c != '?') {
            return false;
        }
        int k = i + 1;
        while (k < to && text.charAt(k) == ' ') {
            k++;
        }
        return k > i + 1 && k + 1 < to && Character.isUpperCase(text.charAt(k)) && Character.isLowerCase(text.charAt(k + 1));
    }

    /** 10 or 11 digits starting with a single 0, or 44 / 0044 and 9 or 10 more. */
    private static boolean ukShaped(CharSequence digits) {
        String all = digits.toString();
        int n = all.length();
        if (all.startsWith("0044")) {
            return n == 13 || n == 14;
        }
        if (all.startsWith("44")) {
            return n == 11 || n == 12;
        }
        return all.startsWith("0") && !all.startsWith("00") && (n == 10 || n == 11);
    }

    private static boolean joins(String text, Item left, Item right) {
        if (left.gluedRight() || right.gluedLeft()) {
            return false;
        }
        // what weighs is how many different marks stand between the groups, not how many times
        // they repeat: "-----", ". . . . .", "-=-=-" and five phone emoji each read as one gap
        StringBuilder kinds = new StringBuilder();
        int i = left.end();
        while (i < right.start()) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == ReaderProjection.BREAK || Character.isDigit(cp)) {
                return false;
            }
            boolean rightToLeft = isRightToLeft(cp);
            if (Character.isLetter(cp) && !rightToLeft) {
                return false;
            }
            if (cp < 128 && WEIGHTLESS.indexOf(cp) >= 0) {
                continue;
            }
            // a right-to-left word between groups is shown beside them, not between them; pictures
            // (emoji, arrows, dingbats) are one kind, however many and however different
            String kind = rightToLeft ? "R" : cp >= 128 && isPicture(cp) ? "P" : new String(Character.toChars(cp));
            if (kinds.indexOf(kind) < 0) {
                kinds.append(kind);
                if (kinds.codePointCount(0, kinds.length()) > MAX_SEPARATOR_WEIGHT) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isRightToLeft(int cp) {
        byte direction = Character.getDirectionality(cp);
        return direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT || direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }

    private static boolean isPicture(int cp) {
        int type = Character.getType(cp);
        return type == Character.OTHER_SYMBOL || type == Character.MODIFIER_SYMBOL || type == Character.MATH_SYMBOL;
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
            int spelt = end - i == 1 && Character.isLetter(cp) ? speltWord(text, i, items) : -1;
            if (spelt > 0) {
                i = spelt;
                continue;
            }
            int syllables = syllables(text, i, end, items);
            if (syllables > 0) {
                i = syllables;
                continue;
            }
            readWord(text, i, end, items);
            i = end;
        }
        return items;
    }

    /**
     * "n-i-n-e", "s i x", "t.w.o": a number word spelt one letter at a time, a sign or a space between the
     * letters. Adds it as one item and returns where it ends, or -1 when the letters spell no number word.
     */
    private static int speltWord(String text, int start, List<Item> items) {
        if (!NumberWords.mayStartWith(text.charAt(start))) {
            return -1;
        }
        int n = text.length();
        StringBuilder letters = new StringBuilder().append(text.charAt(start));
        List<Integer> ends = new ArrayList<>(List.of(start + 1));
        int i = start + 1;
        while (letters.length() < MAX_SPELT_LETTERS) {
            int gap = i;
            while (i < n && i - gap <= MAX_SPELT_GAP && !Character.isLetterOrDigit(text.charAt(i)) && text.charAt(i) != ReaderProjection.BREAK) {
                i++;
            }
            boolean single = i > gap && i - gap <= MAX_SPELT_GAP && i < n && Character.isLetter(text.charAt(i))
                    && (i + 1 == n || !Character.isLetterOrDigit(text.charAt(i + 1)));
            if (!single) {
                break;
            }
            letters.append(text.charAt(i));
            ends.add(++i);
        }
        List<String> words = letters.length() >= 3 ? NumberWords.longestStart(letters.toString()) : List.of();
        if (words.isEmpty()) {
            return -1;
        }
        int end = ends.get(String.join("", words).length() - 1);
        items.add(new Item(start, end, NumberWords.digits(words), words.size(), words));
        return end;
    }

    /**
     * "zer-o sev-en", "se.ven", "ni_ne": a number word cut into pieces by a sign (never a space, so prose keeps its
     * words), where the first piece is no number word of its own: the most pieces that read as number words. Adds
     * them as one item and returns where they end, or -1.
     */
    private static int syllables(String text, int start, int end, List<Item> items) {
        // a letter right after the sign, else no piece follows: a word before a full stop or "'s" is read once, by readWord
        if (end + 1 >= text.length() || SYLLABLE_SIGNS.indexOf(text.charAt(end)) < 0 || !Character.isLetter(text.charAt(end + 1))
                || !NumberWords.mayStartWith(text.charAt(start))
                || !isLetters(text, start, end) || !NumberWords.split(text.substring(start, end)).isEmpty()) {
            return -1;
        }
        StringBuilder letters = new StringBuilder(text.substring(start, end));
        int at = end;
        List<String> longest = null;
        int longestEnd = -1;
        for (int piece = 1; piece < MAX_SYLLABLES && at + 1 < text.length() && SYLLABLE_SIGNS.indexOf(text.charAt(at)) >= 0
                && Character.isLetter(text.charAt(at + 1)); piece++) {
            int next = at + 1;
            while (next < text.length() && Character.isLetterOrDigit(text.charAt(next))) {
                next++;
            }
            if (!isLetters(text, at + 1, next) || letters.length() + next - at - 1 > MAX_SPELT_LETTERS) {
                break;
            }
            letters.append(text, at + 1, next);
            at = next;
            List<String> words = NumberWords.split(letters.toString());
            if (!words.isEmpty()) { // the longest that reads: "sev-en-ty" is seventy, not seven
                longest = words;
                longestEnd = at;
            }
        }
        if (longest == null) {
            return -1;
        }
        items.add(new Item(start, longestEnd, NumberWords.digits(longest), longest.size(), longest));
        return longestEnd;
    }

    private static boolean isLetters(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            if (!Character.isLetter(text.charAt(k))) {
                return false;
            }
        }
        return true;
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
        boolean leet = word.length() >= 2 && word.chars().allMatch(c -> isDigitLetter((char) c) && Character.isUpperCase(c));
        if (allDigitLike && (hasDigit || ((allZeroOneLetters || leet) && !afterApostrophe))) {
            items.add(new Item(start, end, asDigits(word), 0, !word.chars().anyMatch(c -> !isDigit((char) c)), false,
                    false));
            return;
        }
        if (!hasDigit) {
            List<String> words = NumberWords.split(word);
            if (!words.isEmpty()) {
                items.add(new Item(start, end, NumberWords.digits(words), words.size(), words));
            }
            return;
        }
        Item spelt = digitsAndNumberWords(word, start, end);
        if (spelt != null) {
            items.add(spelt);
            return;
        }
        List<String> leetWords = NumberWords.splitLeet(word); // "Z3R0", "S3V3N"
        if (!leetWords.isEmpty()) {
            items.add(new Item(start, end, NumberWords.digits(leetWords), leetWords.size(), leetWords));
            return;
        }
        digitGroupsInsideWord(word, start, items);
    }

    /**
     * "oh77oh0", "nine00", "zero7seven00": digits glued to number words read as one group of digits,
     * as a reader reads them; null when a letter part is not made of number words ("tel07700").
     */
    private static Item digitsAndNumberWords(String word, int start, int end) {
        StringBuilder digits = new StringBuilder();
        int words = 0;
        int k = 0;
        while (k < word.length()) {
            boolean digit = isDigit(word.charAt(k));
            int partEnd = k;
            while (partEnd < word.length() && isDigit(word.charAt(partEnd)) == digit) {
                partEnd++;
            }
            String part = word.substring(k, partEnd);
            if (digit) {
                digits.append(part);
            } else {
                List<String> spelt = NumberWords.split(part);
                if (spelt.isEmpty()) {
                    return null;
                }
                digits.append(NumberWords.digits(spelt));
                words += spelt.size();
            }
            k = partEnd;
        }
        return words == 0 ? null : new Item(start, end, digits.toString(), words, false, false, false);
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

    /** Letters that stand for digits inside a run of digits: O and o for 0, l and I for 1, and capital Z, E, S, B for 2, 3, 5, 8. */
    private static boolean isDigitLetter(char c) {
        return DIGIT_LETTERS.indexOf(c) >= 0;
    }

    private static String asDigits(String word) {
        StringBuilder digits = new StringBuilder(word.length());
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            int letter = DIGIT_LETTERS.indexOf(c);
            digits.append(letter >= 0 ? LETTER_DIGITS.charAt(letter) : c);
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
        List<Integer> starts = run.stream().map(Item::start).toList();
        List<Integer> ends = run.stream().map(Item::end).toList();
        boolean allPure = run.stream().allMatch(Item::pure);
        if (OrdinaryNumbers.isThousandsCount(text, starts, ends)
                || (allPure && OrdinaryNumbers.isCountedList(text, starts, ends))
                || (allPure && OrdinaryNumbers.isNamedCode(wordBefore(text, run.get(0).start()), text, starts, ends))) {
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

    /** The word just before {@code start}, past spaces and a colon ("ISBN: 978…"), or "". */
    private static String wordBefore(String text, int start) {
        int end = start;
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == ':')) {
            end--;
        }
        int begin = end;
        while (begin > 0 && Character.isLetter(text.charAt(begin - 1)) && end - begin < 12) {
            begin--;
        }
        return text.substring(begin, end);
    }

    /** How many items from {@code k} make a date, a time, a year or a price (0: none). */
    private static int protectedLength(String text, List<Item> run, int k) {
        int price = OrdinaryNumbers.priceLength(text, run.get(k).start(), run.get(k).end(),
                k + 1 < run.size() && run.get(k + 1).pure() ? run.get(k + 1).start() : -1,
                k + 1 < run.size() ? run.get(k + 1).end() : -1);
        if (price > 0 && run.get(k).pure()) {
            return price;
        }
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
