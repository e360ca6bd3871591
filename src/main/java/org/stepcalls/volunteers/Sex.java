package org.stepcalls.volunteers;

import java.util.Optional;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** As the caller and volunteer give it; matching ranks the same sex first (R8). */
public enum Sex {
    FEMALE, MALE, OTHER;

    public String code() {
        return name().toLowerCase();
    }

    public static Optional<Sex> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Sex sex : values()) {
            if (sex.code().equals(value.strip().toLowerCase())) {
                return Optional.of(sex);
            }
        }
        return Optional.empty();
    }

    /** Stored as its lowercase code, the same word the API uses. */
    @Converter(autoApply = true)
    public static class Column implements AttributeConverter<Sex, String> {

        @Override
        public String convertToDatabaseColumn(Sex sex) {
            return sex == null ? null : sex.code();
        }

        @Override
        public Sex convertToEntityAttribute(String code) {
            return code == null ? null : parse(code).orElseThrow();
        }
    }
}
