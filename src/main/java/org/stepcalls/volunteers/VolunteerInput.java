package org.stepcalls.volunteers;

import java.time.LocalDate;
import java.util.List;

/**
 * An entry of the list as a form or JSON body gives it, before validation. Booleans are boxed so
 * that a missing one is an error rather than a silent {@code false}.
 */
public record VolunteerInput(String firstName, String phone, String sex, Long homeAreaId, List<Long> areaIds,
        LocalDate cleanDate, Boolean canPhone, Boolean canVisit, Boolean guidelinesAcknowledged, Boolean formReceived,
        Boolean active) {
}
