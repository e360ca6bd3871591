package org.stepcalls.volunteers;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The list's rules that a helpline tunes: minimum clean time (R6) and what counts as local (R8). */
@ApplicationScoped
public class VolunteerSettings {

    private final Period minCleanTime;
    private final double sameSexRadiusKm;
    private final double contactRadiusKm;

    VolunteerSettings(@ConfigProperty(name = "stepcalls.min-clean-time") String minCleanTime,
            @ConfigProperty(name = "stepcalls.same-sex-radius-km") double sameSexRadiusKm,
            @ConfigProperty(name = "stepcalls.contact-radius-km") double contactRadiusKm) {
        this.minCleanTime = parse(minCleanTime);
        this.sameSexRadiusKm = sameSexRadiusKm;
        this.contactRadiusKm = contactRadiusKm;
    }

    /** Contacts farther than this from the caller are not listed: a helpliner needs someone local. */
    public double contactRadiusKm() {
        return contactRadiusKm;
    }

    /** The latest clean date that is still eligible today: exactly the minimum counts (R6). */
    public LocalDate latestEligibleCleanDate(LocalDate today) {
        return today.minus(minCleanTime);
    }

    public double sameSexRadiusKm() {
        return sameSexRadiusKm;
    }

    /** ISO-8601: a period ({@code P1Y}, {@code P18M}) or a duration in days ({@code PT8760H}). */
    static Period parse(String value) {
        try {
            return Period.parse(value);
        } catch (DateTimeParseException notAPeriod) {
            try {
                return Period.ofDays((int) Duration.parse(value).toDays());
            } catch (DateTimeParseException e) {
                throw new IllegalStateException("STEPCALLS_MIN_CLEAN_TIME must be an ISO-8601 period such as P1Y; got "
                        + value);
            }
        }
    }
}
