package org.stepcalls.privacy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import org.stepcalls.platform.web.ApiException;

/** Where a page of the audit log ends: the last entry's time and id (keyset paging, newest first). */
public record AuditCursor(OffsetDateTime at, long id) {

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at.toInstant());
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code null} for the first page. */
    public static AuditCursor decode(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("two parts expected");
            }
            Instant at = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
            return new AuditCursor(at.atOffset(ZoneOffset.UTC), Long.parseLong(parts[1]));
        } catch (RuntimeException e) {
            throw ApiException.invalidField("before", "The 'before' cursor is not one this service gave out.");
        }
    }
}
