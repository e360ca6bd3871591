package org.stepcalls.volunteers;

/**
 * {@code contactPhone} is null for anyone who may not see contact numbers; {@code distanceKm} is
 * set only in a search from an area (from its centroid to the meeting's area's). {@code contactUnderCheck}:
 * a coordinator is checking the contact (someone with its number left the list, R13) — the contact is
 * offered to nobody meanwhile; coordinators are told so, and find it on the meeting's edit form.
 */
public record MeetingView(long id, String name, long areaId, String area, String weekday, String time, String venue,
        String contactName, String contactPhone, Double distanceKm, boolean contactUnderCheck) {
}
