package org.stepcalls.volunteers;

/**
 * {@code contactPhone} is null for anyone who may not see contact numbers; {@code distanceKm} is
 * set only in a search from an area (from its centroid to the meeting's area's).
 */
public record MeetingView(long id, String name, long areaId, String area, String weekday, String time, String venue,
        String contactName, String contactPhone, Double distanceKm) {
}
