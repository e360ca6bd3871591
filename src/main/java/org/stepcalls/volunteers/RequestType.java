package org.stepcalls.volunteers;

import java.util.Optional;

/** What the caller asked for: a phone call, or a visit (always made in pairs, R7). */
public enum RequestType {
    PHONE, VISIT;

    public String code() {
        return name().toLowerCase();
    }

    public static Optional<RequestType> parse(String value) {
        for (RequestType type : values()) {
            if (type.code().equals(value == null ? "" : value.strip().toLowerCase())) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
