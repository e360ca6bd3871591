package org.stepcalls.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Numbers spelt as words, the way a number is read out: "oh seven seven double oh nine …".
 * A word counts when it is one of these words or is made only of them ("sevenseven").
 */
final class NumberWords {

    /** What each word stands for; "double" and "triple" repeat the digits of the word after them. */
    private static final Map<String, String> DIGITS = Map.ofEntries(
            Map.entry("zero", "0"), Map.entry("oh", "0"), Map.entry("nought", "0"), Map.entry("naught", "0"),
            Map.entry("nil", "0"), Map.entry("one", "1"), Map.entry("two", "2"), Map.entry("three", "3"),
            Map.entry("four", "4"), Map.entry("five", "5"), Map.entry("six", "6"), Map.entry("seven", "7"),
            Map.entry("eight", "8"), Map.entry("nine", "9"), Map.entry("ten", "10"), Map.entry("eleven", "11"),
            Map.entry("twelve", "12"), Map.entry("thirteen", "13"), Map.entry("fourteen", "14"),
            Map.entry("fifteen", "15"), Map.entry("sixteen", "16"), Map.entry("seventeen", "17"),
            Map.entry("eighteen", "18"), Map.entry("nineteen", "19"), Map.entry("twenty", "20"),
            Map.entry("thirty", "30"), Map.entry("forty", "40"), Map.entry("fifty", "50"), Map.entry("sixty", "60"),
            Map.entry("seventy", "70"), Map.entry("eighty", "80"), Map.entry("ninety", "90"),
            Map.entry("hundred", "00"), Map.entry("thousand", "000"),
            Map.entry("double", "2x"), Map.entry("triple", "3x"), Map.entry("treble", "3x"));
    private static final int LONGEST = 9;
    /** The same words with every doubled letter written once ("thre" for three), for words stretched as they are said: "sevennn". */
    private static final Map<String, String> SQUEEZED = squeezed();
    private static final String FIRST_LETTERS = DIGITS.keySet().stream().map(word -> word.substring(0, 1)).distinct()
            .collect(java.util.stream.Collectors.joining());
    /** Digits written for the letters they look like, in a number word: "Z3R0", "S3V3N", "N1N3", "TW0". */
    private static final String LEET_DIGITS = "013579";
    private static final String LEET_LETTERS = "oiestg";

    private NumberWords() {
    }

    /**
     * The number words {@code word} is made of, in order, or an empty list when it is an
     * ordinary word. Linear in the word's length (dynamic programming over a short dictionary).
     */
    static List<String> split(String word) {
        if (word.isEmpty() || !mayStartWith(word.charAt(0))) {
            return List.of(); // most words: no work
        }
        String lower = lower(word);
        List<String> words = split(lower, DIGITS.keySet());
        if (words.isEmpty() && hasDoubledLetter(lower)) {
            words = split(squeeze(lower), SQUEEZED.keySet()).stream().map(SQUEEZED::get).toList();
        }
        return words;
    }

    /**
     * The number words of a word that mixes digits and letters the way "leet" writes them ("Z3R0",
     * "S3V3N"), or an empty list. Three letters at least, so "0h" in "0h 15m" stays a time ("0H" in capitals is "OH").
     */
    static List<String> splitLeet(String word) {
        if (word.length() > 120 || !mayStartWith(leet(word.charAt(0)))) {
            return List.of();
        }
        StringBuilder letters = new StringBuilder(word.length());
        boolean letter = false;
        for (int k = 0; k < word.length(); k++) {
            char c = Character.toLowerCase(word.charAt(k));
            letter |= Character.isLetter(c);
            letters.append(leet(c));
        }
        return letter && (word.length() >= 3 || word.equals("0H")) ? split(letters.toString()) : List.of();
    }

    private static List<String> split(String lower, java.util.Set<String> dictionary) {
        int[] cameFrom = reach(lower, dictionary);
        return cameFrom[lower.length()] >= 0 ? wordsUpTo(lower, cameFrom, lower.length()) : List.of();
    }

    /** The number words of the longest start of {@code letters}, three letters at least, made only of them: "sixo" → six. */
    static List<String> longestStart(String letters) {
        String lower = lower(letters);
        int[] cameFrom = reach(lower, DIGITS.keySet());
        for (int end = lower.length(); end >= 3; end--) {
            if (cameFrom[end] >= 0) {
                return wordsUpTo(lower, cameFrom, end);
            }
        }
        return List.of();
    }

    /** Lower case one character for one ("İ" stays one character), so positions in it are positions in the word. */
    static String lower(String word) {
        char[] chars = word.toCharArray();
        for (int k = 0; k < chars.length; k++) {
            chars[k] = Character.toLowerCase(chars[k]);
        }
        return new String(chars);
    }

    private static char leet(char c) {
        int digit = LEET_DIGITS.indexOf(c);
        return digit >= 0 ? LEET_LETTERS.charAt(digit) : Character.toLowerCase(c);
    }

    /** Whether a number word starts with this letter: "b", "a" and "x" spell none. */
    static boolean mayStartWith(char letter) {
        return FIRST_LETTERS.indexOf(Character.toLowerCase(letter)) >= 0;
    }

    /** For each end, where the number word ending there starts when the text up to it is made of number words, else -1. */
    private static int[] reach(String lower, java.util.Set<String> dictionary) {
        int n = lower.length();
        int[] cameFrom = new int[n + 1];
        Arrays.fill(cameFrom, -1);
        if (n < 2 || n > 400 || FIRST_LETTERS.indexOf(lower.charAt(0)) < 0) {
            return cameFrom; // most words start with a letter no number word starts with: no work for them
        }
        cameFrom[0] = 0;
        int lastReached = 0;
        for (int end = 1; end <= n && end - lastReached <= LONGEST; end++) { // further, no number word can bridge
            for (int start = Math.max(0, end - LONGEST); start < end - 1; start++) {
                if (cameFrom[start] >= 0 && dictionary.contains(lower.substring(start, end))) {
                    cameFrom[end] = start;
                    lastReached = end;
                    break;
                }
            }
        }
        return cameFrom;
    }

    private static List<String> wordsUpTo(String lower, int[] cameFrom, int n) {
        List<String> words = new ArrayList<>();
        for (int end = n; end > 0; end = cameFrom[end]) {
            words.add(0, lower.substring(cameFrom[end], end));
        }
        return words;
    }

    /**
     * The digits a sequence of number words reads as, added up as a reader adds them: "double", "oh" →
     * "00"; "sixty", "two" → "62"; "nine", "hundred", "and", "five" → "905" ({@code "and"} stands in a
     * sequence only after "hundred"). "Hundred" with a number straight after it ("nine hundred five") is
     * read both ways by people, so {@code hundredsAdd} chooses: false reads "90005", true "905".
     */
    static String digits(List<String> words, boolean hundredsAdd) {
        StringBuilder out = new StringBuilder();
        int repeat = 1;
        for (int k = 0; k < words.size(); k++) {
            String word = words.get(k);
            String value = DIGITS.get(word);
            if (value == null) {
                continue; // "and"
            }
            if (value.endsWith("x")) {
                repeat = value.charAt(0) - '0';
                continue;
            }
            boolean and = k + 1 < words.size() && words.get(k + 1).equals("and");
            int next = and ? k + 2 : k + 1;
            if (word.equals("hundred") && (and || hundredsAdd) && below100(words, next) > 0) {
                int length = below100(words, next);
                String added = digits(words.subList(next, next + length), false);
                out.append(added.length() == 1 ? "0" + added : added);
                k = next + length - 1;
                continue;
            }
            if (isTens(word) && next == k + 1 && k + 1 < words.size() && isUnit(words.get(k + 1))) {
                out.append(value.charAt(0)).append(DIGITS.get(words.get(k + 1)));
                k++;
                continue;
            }
            out.append(value.repeat(repeat));
            repeat = 1;
        }
        return out.toString();
    }

    static String digits(List<String> words) {
        return digits(words, false);
    }

    /** How many words from {@code k} make a number from 1 to 99 ("five", "twelve", "sixty", "sixty two"), or 0. */
    private static int below100(List<String> words, int k) {
        if (k >= words.size()) {
            return 0;
        }
        String word = words.get(k);
        if (isTens(word)) {
            return k + 1 < words.size() && isUnit(words.get(k + 1)) ? 2 : 1;
        }
        String value = DIGITS.get(word);
        return value != null && !value.endsWith("x") && !value.startsWith("0") && value.length() <= 2 ? 1 : 0;
    }

    static boolean isTens(String word) {
        String value = DIGITS.get(word);
        return value != null && value.length() == 2 && value.endsWith("0") && !value.equals("10") && !value.startsWith("0");
    }

    static boolean isUnit(String word) {
        String value = DIGITS.get(word);
        return value != null && value.length() == 1 && !value.equals("0");
    }

    /** The last number word of a sequence is "hundred", or a tens word: a number word after it may add to it. */
    static boolean takesMore(String word) {
        return word.equals("hundred") || isTens(word);
    }

    private static boolean hasDoubledLetter(String lower) {
        for (int k = 1; k < lower.length(); k++) {
            if (lower.charAt(k) == lower.charAt(k - 1) && Character.isLetter(lower.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    private static String squeeze(String lower) {
        StringBuilder out = new StringBuilder(lower.length());
        for (int k = 0; k < lower.length(); k++) {
            if (k == 0 || lower.charAt(k) != lower.charAt(k - 1)) {
                out.append(lower.charAt(k));
            }
        }
        return out.toString();
    }

    private static Map<String, String> squeezed() {
        Map<String, String> squeezed = new java.util.HashMap<>();
        for (String word : DIGITS.keySet()) {
            if (List.of("oh", "ten", "nil").contains(word)) {
                continue; // "ooh", "teen", "nill" are words of their own
            }
            squeezed.putIfAbsent(squeeze(word), word);
        }
        return Map.copyOf(squeezed);
    }
}
