package org.stepcalls.privacy;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Numbers that are not someone's phone: dates (27/11/2026, 2026-12-04, 27.11), times (19:30,
 * 7.45), years (2026, 1990-2026), thousands counts (1,250), rising lists of counts (30, 60, 90),
 * prices (£45.60) and named codes (ISBN, version). Strict on purpose — a date's day and month
 * are real, a price has no leading 0 — because a protected token is one a hostile writer could
 * hide digits in.
 */
final class OrdinaryNumbers {

    private static final String CURRENCY = "£$€¥";
    private static final Set<String> VERSION_NAMES = Set.of("version", "ver", "v", "build", "release");

    private OrdinaryNumbers() {
    }

    /** Digit groups with the separators between them (one fewer) that make one date, time or year. */
    static boolean isDateTimeOrYear(List<String> groups, List<String> separators) {
        return switch (groups.size()) {
            case 1 -> isYear(groups.get(0));
            case 2 -> isTime(groups, separators.get(0)) || isDayAndMonth(groups, separators.get(0))
                    || isYearRange(groups, separators.get(0));
            case 3 -> isDate(groups, separators);
            default -> false;
        };
    }

    /** "1,250" or "12,500,000" written alone: up to seven digits in groups of three after commas. */
    static boolean isThousandsCount(String text, List<Integer> starts, List<Integer> ends) {
        if (starts.size() < 2) {
            return false;
        }
        int digits = 0;
        for (int k = 0; k < starts.size(); k++) {
            String group = text.substring(starts.get(k), ends.get(k));
            if (!group.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            boolean fits = k == 0 ? group.length() <= 3 && group.charAt(0) != '0' : group.length() == 3;
            if (!fits || (k > 0 && !text.substring(ends.get(k - 1), starts.get(k)).equals(","))) {
                return false;
            }
            digits += group.length();
        }
        return digits <= 7;
    }

    /**
     * A list of counts written with commas ("30, 60, 90, 180, 365", "1002, 1003, 1004"): three or
     * more groups of up to four digits, none with a leading 0, each larger than the one before.
     * A phone number cut into pieces does not rise like that unless it is written so on purpose.
     */
    static boolean isCountedList(String text, List<Integer> starts, List<Integer> ends) {
        if (starts.size() < 3) {
            return false;
        }
        int previous = -1;
        for (int k = 0; k < starts.size(); k++) {
            String group = text.substring(starts.get(k), ends.get(k));
            if (group.length() > 4 || (group.length() > 1 && group.charAt(0) == '0')) {
                return false;
            }
            int value = Integer.parseInt(group);
            if (value <= previous || (k > 0 && !text.substring(ends.get(k - 1), starts.get(k)).strip().equals(","))) {
                return false;
            }
            previous = value;
        }
        return true;
    }

    /**
     * A code its name announces: "ISBN 978-1-55776-001-0" (13 digits, 978 or 979 first, its check
     * digit right) or "Version 10.12.3.4567" (three or more groups joined by dots, no leading 0).
     * Not a 10-digit ISBN: "ISBN 7700 900123" is a mobile number without its 0, and a check digit
     * would let one number in eleven through.
     */
    static boolean isNamedCode(String name, String text, List<Integer> starts, List<Integer> ends) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("isbn")) {
            StringBuilder digits = new StringBuilder();
            for (int k = 0; k < starts.size(); k++) {
                digits.append(text, starts.get(k), ends.get(k));
            }
            return isIsbn13(digits);
        }
        if (!VERSION_NAMES.contains(lower) || starts.size() < 3 || text.charAt(starts.get(0)) == '0') {
            return false;
        }
        for (int k = 1; k < starts.size(); k++) {
            if (!text.substring(ends.get(k - 1), starts.get(k)).equals(".")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIsbn13(CharSequence digits) {
        if (digits.length() != 13 || !(digits.toString().startsWith("978") || digits.toString().startsWith("979"))) {
            return false;
        }
        int sum = 0;
        for (int k = 0; k < 13; k++) {
            sum += (digits.charAt(k) - '0') * (k % 2 == 0 ? 1 : 3);
        }
        return sum % 10 == 0;
    }

    /**
     * How many digit groups from the one at {@code [start, end)} make a price: a currency sign,
     * one to four digits with no leading 0, and pence after a dot ("£45.60", "£3"); 0 when none.
     * The next group is given by {@code nextStart}/{@code nextEnd} (-1: none).
     */
    static int priceLength(String text, int start, int end, int nextStart, int nextEnd) {
        if (start == 0 || CURRENCY.indexOf(text.charAt(start - 1)) < 0 || end - start > 4
                || (end - start > 1 && text.charAt(start) == '0')) {
            return 0;
        }
        boolean pence = nextStart == end + 1 && text.charAt(end) == '.' && nextEnd - nextStart == 2;
        return pence ? 2 : 1;
    }

    private static boolean isYear(String group) {
        return group.length() == 4 && inRange(group, 1900, 2099);
    }

    private static boolean isTime(List<String> groups, String separator) {
        String hours = groups.get(0);
        String minutes = groups.get(1);
        boolean clock = hours.length() <= 2 && inRange(hours, 0, 23) && minutes.length() == 2 && inRange(minutes, 0, 59);
        // "19:32" is a time whatever the minutes; "7.45" only on the quarter hours and fives
        return clock && (separator.equals(":") || (separator.equals(".") && Integer.parseInt(minutes) % 5 == 0));
    }

    private static boolean isDayAndMonth(List<String> groups, String separator) {
        String day = groups.get(0);
        String month = groups.get(1);
        boolean dayMonth = day.length() <= 2 && inRange(day, 1, 31) && month.length() <= 2 && inRange(month, 1, 12);
        boolean monthYear = day.length() <= 2 && inRange(day, 1, 12) && isYear(month);
        return (separator.equals("/") || separator.equals(".")) && (dayMonth || monthYear);
    }

    private static boolean isYearRange(List<String> groups, String separator) {
        String bare = separator.strip();
        return (bare.equals("-") || bare.equals("\u2013") || bare.equals("/")) && isYear(groups.get(0))
                && isYear(groups.get(1));
    }

    private static boolean isDate(List<String> groups, List<String> separators) {
        String separator = separators.get(0);
        if (!separator.equals(separators.get(1)) || !(separator.equals("/") || separator.equals("-")
                || separator.equals("."))) {
            return false;
        }
        String a = groups.get(0);
        String b = groups.get(1);
        String c = groups.get(2);
        boolean yearLast = c.length() == 2 || isYear(c);
        boolean dayMonthYear = yearLast && dayOrMonth(a, 31) && dayOrMonth(b, 12);
        boolean monthDayYear = yearLast && dayOrMonth(a, 12) && dayOrMonth(b, 31);
        boolean yearMonthDay = isYear(a) && dayOrMonth(b, 12) && dayOrMonth(c, 31);
        return dayMonthYear || monthDayYear || yearMonthDay;
    }

    private static boolean dayOrMonth(String group, int max) {
        return group.length() <= 2 && inRange(group, 1, max);
    }

    private static boolean inRange(String digits, int min, int max) {
        if (digits.isEmpty() || digits.length() > 4) {
            return false;
        }
        int value = Integer.parseInt(digits);
        return value >= min && value <= max;
    }
}
