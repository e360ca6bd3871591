package org.stepcalls.privacy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.stepcalls.platform.web.ApiException;

/**
 * Which audit entries an admin asked for; every part optional. Dates are whole days in the
 * helpline's time zone, both ends included.
 */
public record AuditFilter(Long topicId, AuditLog.Action action, Long actorId, LocalDate from, LocalDate to) {

    static final ZoneId HELPLINE_ZONE = ZoneId.of("Europe/London");

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null);

    /** From query parameters as typed; a bad one is refused naming its field. */
    public static AuditFilter parse(String topicId, String action, String actor, String from, String to) {
        AuditFilter filter = new AuditFilter(id("topicId", topicId), action(action), id("actor", actor), date("from", from),
                date("to", to));
        if (filter.from != null && filter.to != null && filter.from.isAfter(filter.to)) {
            throw ApiException.invalidField("from", "'from' must not be after 'to'.");
        }
        return filter;
    }

    /** Start of the first day asked for, or null. */
    OffsetDateTime fromInstant() {
        return from == null ? null : from.atStartOfDay(HELPLINE_ZONE).toOffsetDateTime();
    }

    /** Start of the day after the last one asked for, or null. */
    OffsetDateTime untilInstant() {
        return to == null ? null : to.plusDays(1).atStartOfDay(HELPLINE_ZONE).toOffsetDateTime();
    }

    private static Long id(String field, String text) {
        if (blank(text)) {
            return null;
        }
        try {
            long id = Long.parseLong(text.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.invalidField(field, "'" + field + "' must be a positive whole number (an id).");
    }

    private static AuditLog.Action action(String text) {
        if (blank(text)) {
            return null;
        }
        for (AuditLog.Action action : AuditLog.Action.values()) {
            if (action.code().equals(text.strip())) {
                return action;
            }
        }
        throw ApiException.invalidField("action", "'action' must be one of: "
                + Arrays.stream(AuditLog.Action.values()).map(AuditLog.Action::code).collect(Collectors.joining(", ")) + ".");
    }

    private static LocalDate date(String field, String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, "'" + field + "' must be a date written like 2026-12-01.");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
