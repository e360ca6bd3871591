package org.stepcalls.volunteers.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import org.stepcalls.platform.web.ApiException;
import org.stepcalls.volunteers.VolunteerInput;
import org.stepcalls.volunteers.VolunteerView;

/**
 * A list entry's form exactly as typed, so a refused form comes back unchanged. Checkboxes that
 * were not ticked are simply absent from a form post, hence plain booleans here.
 */
public record VolunteerForm(String firstName, String phone, String sex, String homeAreaId, Set<String> areaIds,
        String cleanDate, boolean canPhone, boolean canVisit, boolean guidelinesAcknowledged, boolean formReceived,
        boolean active) {

    static VolunteerForm empty() {
        return new VolunteerForm("", "", "", "", Set.of(), "", true, false, false, false, true);
    }

    static VolunteerForm of(VolunteerView v) {
        return new VolunteerForm(v.firstName(), v.phone(), v.sex(), String.valueOf(v.homeAreaId()),
                Set.copyOf(v.areaIds().stream().map(String::valueOf).toList()), v.cleanDate().toString(), v.canPhone(),
                v.canVisit(), v.guidelinesAcknowledged(), v.formReceived(), v.active());
    }

    public boolean isHome(Long areaId) {
        return String.valueOf(areaId).equals(homeAreaId);
    }

    public boolean covers(Long areaId) {
        return areaIds.contains(String.valueOf(areaId));
    }

    VolunteerInput toInput() {
        LocalDate date;
        try {
            date = cleanDate == null || cleanDate.isBlank() ? null : LocalDate.parse(cleanDate.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField("cleanDate", "Give the clean date as a date, such as 2019-03-14.");
        }
        return new VolunteerInput(firstName, phone, sex, id(homeAreaId),
                areaIds.stream().map(VolunteerForm::id).toList(), date, canPhone, canVisit, guidelinesAcknowledged,
                formReceived, active);
    }

    private static Long id(String value) {
        return value != null && value.matches("\\d{1,18}") ? Long.valueOf(value) : null;
    }

    static Set<String> nonNull(List<String> values) {
        return values == null ? Set.of() : Set.copyOf(values.stream().filter(v -> v != null && !v.isBlank()).toList());
    }
}
