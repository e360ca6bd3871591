package org.stepcalls.privacy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key epoch: the ISO week (UTC) in which a call was opened, such as {@code 2026-W49}. All data
 * keys of one week are wrapped by that week's key, so destroying one small file shreds the week.
 */
public record KeyEpoch(int weekBasedYear, int week) {

    private static final Pattern NAME = Pattern.compile("(\\d{4})-W(\\d{2})");

    public static KeyEpoch of(OffsetDateTime at) {
        LocalDate day = at.atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        return new KeyEpoch(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public static Optional<KeyEpoch> parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        KeyEpoch epoch = new KeyEpoch(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        return epoch.name().equals(KeyEpoch.of(epoch.start()).name()) ? Optional.of(epoch) : Optional.empty();
    }

    public String name() {
        return "%04d-W%02d".formatted(weekBasedYear, week);
    }

    /** Monday 00:00 UTC of the week. */
    public OffsetDateTime start() {
        LocalDate monday = LocalDate.of(weekBasedYear, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return monday.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** The first instant after the week: every call of the epoch was opened before it. */
    public OffsetDateTime end() {
        return start().plusWeeks(1);
    }

    @Override
    public String toString() {
        return name();
    }
}
