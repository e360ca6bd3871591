package org.stepcalls.calls.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.stepcalls.calls.CallBoard;
import org.stepcalls.calls.CallView;
import org.stepcalls.volunteers.ContactMatcher;

/**
 * What the attempt form starts with, and how the contacts already tried are marked. The form opens
 * on a choice it would accept as it stands: the best-ranked contact not tried yet (the matcher's
 * order: same sex first, then nearest), with the matching kind — never "someone on the list" beside
 * "no contact". Option values are the form's own: {@code v:42} a volunteer, {@code m:7} a meeting.
 */
final class AttemptDefaults {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.UK);
    private static final ZoneId HELPLINE_ZONE = ZoneId.of("Europe/London");

    private AttemptDefaults() {
    }

    static Map<String, String> of(CallView call, ContactMatcher.Contacts contacts) {
        Set<String> tried = tried(call).keySet();
        Map<String, String> defaults = new HashMap<>();
        contacts.volunteers().stream().map(v -> "v:" + v.id()).filter(o -> !tried.contains(o)).findFirst()
                .or(() -> contacts.meetings().stream().map(m -> "m:" + m.id()).filter(o -> !tried.contains(o)).findFirst())
                .or(() -> contacts.volunteers().stream().map(v -> "v:" + v.id()).findFirst())
                .or(() -> contacts.meetings().stream().map(m -> "m:" + m.id()).findFirst())
                .ifPresentOrElse(option -> {
                    defaults.put("contact", option);
                    defaults.put("contactType", option.startsWith("v:") ? "volunteer" : "meeting");
                }, () -> defaults.put("contactType", "indirect")); // nobody listed nearby: the indirect route (R8)
        return defaults;
    }

    /** Each volunteer or meeting contact already tried on this call, with its last result and when (helpline time). */
    static Map<String, String> tried(CallView call) {
        return call.attempts().stream().filter(a -> a.volunteerId() != null && "volunteer".equals(a.contactType())
                || a.meetingId() != null && "meeting".equals(a.contactType()))
                .collect(Collectors.toMap(a -> a.meetingId() != null && "meeting".equals(a.contactType())
                        ? "m:" + a.meetingId() : "v:" + a.volunteerId(),
                        a -> CallBoard.resultLabel(a.result()) + ", " + a.createdAt().atZoneSameInstant(HELPLINE_ZONE).format(WHEN),
                        (earlier, later) -> later)); // attempts come oldest first: the last one wins
    }
}
