package org.stepcalls.forum;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import org.stepcalls.platform.web.ApiException;

/** Where a latest-activity page ends: the last topic's activity time and id (keyset pagination). */
public record TopicCursor(OffsetDateTime lastActivityAt, long id) {

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, lastActivityAt.toInstant());
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    public static TopicCursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split(":");
            Instant at = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
            return new TopicCursor(at.atOffset(ZoneOffset.UTC), Long.parseLong(parts[1]));
        } catch (RuntimeException e) {
            throw ApiException.invalidField("before", "The 'before' cursor is not one this forum gave out.");
        }
    }
}
