package org.stepcalls.volunteers;

/**
 * A meeting as a form or JSON body gives it; contact name and number come together or not at all.
 * {@code venue} is optional.
 */
public record MeetingInput(String name, Long areaId, String weekday, String time, String contactName,
        String contactPhone, String venue) {
}
