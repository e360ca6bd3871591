package org.stepcalls.platform.web;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** Dates as people read them on a phone: "5 min ago", "27 Nov 21:40". */
@TemplateExtension
public class TimeExtensions {

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.UK);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.UK);
    private static final ZoneId HELPLINE_ZONE = ZoneId.of("Europe/London");

    public static String ago(OffsetDateTime time) {
        if (time == null) {
            return "";
        }
        Duration age = Duration.between(time.toInstant(), Instant.now());
        if (age.toMinutes() < 1) {
            return "just now";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min ago";
        }
        if (age.toDays() < 1) {
            return age.toHours() + " h ago";
        }
        return time.atZoneSameInstant(HELPLINE_ZONE).format(age.toDays() < 300 ? SHORT : FULL);
    }

    public static String iso(OffsetDateTime time) {
        return time == null ? "" : time.toInstant().toString();
    }
}
