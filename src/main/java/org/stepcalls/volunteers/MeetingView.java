package org.stepcalls.volunteers;

/** {@code contactPhone} is null for anyone who may not see contact numbers. */
public record MeetingView(long id, String name, long areaId, String area, String weekday, String time,
        String contactName, String contactPhone) {
}
