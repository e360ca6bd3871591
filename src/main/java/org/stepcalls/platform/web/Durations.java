package org.stepcalls.platform.web;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Settings' durations as people say them: "7 days", "1 day and 12 hours", "15 minutes" — never "PT168H". */
public final class Durations {

    /** The scheduler's short form, as in STEPCALLS_PURGE_EVERY=15m. */
    private static final Pattern SHORT_FORM = Pattern.compile("(\\d+)\\s*([smhd])");

    private Durations() {
    }

    public static String spoken(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return "no time";
        }
        List<String> parts = new ArrayList<>();
        add(parts, duration.toDaysPart(), "day");
        add(parts, duration.toHoursPart(), "hour");
        add(parts, duration.toMinutesPart(), "minute");
        if (parts.isEmpty()) {
            add(parts, duration.toSecondsPart(), "second");
        }
        return parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** An interval setting ("15m", "PT1H"); something else (e.g. "off") is returned as given. */
    public static String spoken(String setting) {
        String value = setting == null ? "" : setting.strip();
        Matcher shortForm = SHORT_FORM.matcher(value);
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return spoken(switch (shortForm.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        try {
            return spoken(Duration.parse(value));
        } catch (DateTimeParseException notADuration) {
            return value;
        }
    }

    private static void add(List<String> parts, long amount, String unit) {
        if (amount > 0) {
            parts.add(amount + " " + unit + (amount == 1 ? "" : "s"));
        }
    }
}
