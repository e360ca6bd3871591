package org.stepcalls.forum;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The events a person can have e-mailed, each a switch on {@code /me/notifications} (the JSON
 * names are {@code GET/PUT /api/me/notification-settings}). A notification's kind picks its event;
 * a kind no event names is never e-mailed (it stays in the in-app list).
 */
public enum EmailEvent {
    OVERDUE("overdue", "overdue", true, Set.of("call_overdue", "overdue"),
            "A call you opened needs an update"),
    NUDGE("nudge", "nudge", true, Set.of("call_nudge", "nudge"), "A coordinator asks for an update"),
    EXPIRY_WARNING("expiryWarning", "expiry_warning", true, Set.of("expiry_warning", "call_expiry_warning"),
            "A call you opened will be purged soon"),
    DIGEST("digest", "digest", true, Set.of(), "Overdue calls and open tasks"),
    REPLIES("replies", "replies", true, Set.of("reply"), "A new reply"),
    MENTIONS("mentions", "mentions", true, Set.of("mention"), "You were mentioned"),
    ANNOUNCEMENTS("announcements", "announcements", false, Set.of("announcement"), "A new announcement");

    private final String jsonName;
    private final String column;
    private final boolean onByDefault;
    private final Set<String> kinds;
    private final String subject;

    EmailEvent(String jsonName, String column, boolean onByDefault, Set<String> kinds, String subject) {
        this.jsonName = jsonName;
        this.column = column;
        this.onByDefault = onByDefault;
        this.kinds = kinds;
        this.subject = subject;
    }

    /** The event a notification of this kind is e-mailed as, if any. */
    public static Optional<EmailEvent> forKind(String kind) {
        return Arrays.stream(values()).filter(e -> e.kinds.contains(kind)).findFirst();
    }

    public static Optional<EmailEvent> fromJsonName(String name) {
        return Arrays.stream(values()).filter(e -> e.jsonName.equals(name)).findFirst();
    }

    public String jsonName() {
        return jsonName;
    }

    /** Its column in {@code notification_settings}. */
    String column() {
        return column;
    }

    public boolean onByDefault() {
        return onByDefault;
    }

    /** Fixed wording: a subject never carries what anyone typed. */
    public String subject() {
        return subject;
    }
}
