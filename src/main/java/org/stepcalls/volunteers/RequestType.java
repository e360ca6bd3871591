package org.stepcalls.volunteers;

import java.util.Optional;

/**
 * What the caller asked for: a phone call, a visit (always made in pairs, R7), or someone to meet
 * them at a meeting's door (the procedure's lighter request).
 */
public enum RequestType {
    PHONE, VISIT, MEETING_WELCOME;

    public String code() {
        return name().toLowerCase();
    }

    /** As the call's title and the group message say it: "a phone call". */
    public String described() {
        return switch (this) {
            case PHONE -> "a phone call";
            case VISIT -> "a visit";
            case MEETING_WELCOME -> "a welcome at a meeting";
        };
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
