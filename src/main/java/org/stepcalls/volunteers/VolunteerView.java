package org.stepcalls.volunteers;

import java.time.LocalDate;
import java.util.List;

/** An entry as the API and pages show it; {@code phone} is null for anyone who may not see it. */
public record VolunteerView(long id, String firstName, String sex, long homeAreaId, String homeArea, List<Long> areaIds,
        LocalDate cleanDate, boolean canPhone, boolean canVisit, boolean guidelinesAcknowledged,
        LocalDate guidelinesAcknowledgedOn, boolean formReceived, boolean active, boolean eligible, boolean linkedToMember,
        String phone) {
}
