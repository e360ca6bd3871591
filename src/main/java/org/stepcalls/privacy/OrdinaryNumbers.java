package org.stepcalls.privacy;

import java.util.List;

/**
 * Numbers that are not someone's phone: dates (27/11/2026, 2026-12-04, 27.11), times (19:30,
 * 7.45), years (2026, 1990-2026) and thousands counts (1,250). Strict on purpose — a time's
 * minutes are a multiple of five, a date's day and month are real — because a protected token
 * is one a hostile writer could hide digits in.
 */
final class OrdinaryNumbers {

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

    private static boolean isYear(String group) {
        return group.length() == 4 && inRange(group, 1900, 2099);
    }

    private static boolean isTime(List<String> groups, String separator) {
        String hours = groups.get(0);
        String minutes = groups.get(1);
        return (separator.equals(":") || separator.equals(".")) && hours.length() <= 2 && inRange(hours, 0, 23)
                && minutes.length() == 2 && inRange(minutes, 0, 59) && Integer.parseInt(minutes) % 5 == 0;
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
