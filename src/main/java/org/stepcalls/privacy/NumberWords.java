package org.stepcalls.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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

    private NumberWords() {
    }

    /**
     * The number words {@code word} is made of, in order, or an empty list when it is an
     * ordinary word. Linear in the word's length (dynamic programming over a short dictionary).
     */
    static List<String> split(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        int n = lower.length();
        if (n < 2 || n > 400) {
            return List.of();
        }
        int[] cameFrom = new int[n + 1];
        Arrays.fill(cameFrom, -1);
        cameFrom[0] = 0;
        int lastReached = 0;
        for (int end = 1; end <= n; end++) {
            if (end - lastReached > LONGEST) {
                return List.of(); // no number word can bridge this far: an ordinary word
            }
            for (int start = Math.max(0, end - LONGEST); start < end - 1; start++) {
                if (cameFrom[start] >= 0 && DIGITS.containsKey(lower.substring(start, end))) {
                    cameFrom[end] = start;
                    lastReached = end;
                    break;
                }
            }
        }
        if (cameFrom[n] < 0) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (int end = n; end > 0; end = cameFrom[end]) {
            words.add(0, lower.substring(cameFrom[end], end));
        }
        return words;
    }

    /** The digits a sequence of number words reads as ("double", "oh" → "00"). */
    static String digits(List<String> words) {
        StringBuilder out = new StringBuilder();
        int repeat = 1;
        for (String word : words) {
            String value = DIGITS.get(word);
            if (value.endsWith("x")) {
                repeat = value.charAt(0) - '0';
                continue;
            }
            out.append(value.repeat(repeat));
            repeat = 1;
        }
        return out.toString();
    }
}
