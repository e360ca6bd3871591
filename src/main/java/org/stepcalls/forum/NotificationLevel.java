package org.stepcalls.forum;

import java.util.Locale;
import java.util.Optional;

/**
 * Discourse's notification levels, for a topic or a whole category. A topic's own level wins over
 * its category's; with neither it is {@link #NORMAL}. Posting in a topic makes it {@link #TRACKING}.
 */
public enum NotificationLevel {
    /** Notified of every new post by someone else; unread counts shown. */
    WATCHING,
    /** Unread counts shown in the lists. */
    TRACKING,
    /** Only "new" until first opened. */
    NORMAL,
    /** Never notified; no counts; left out of "new". */
    MUTED;

    /** As the database, the JSON API and forms spell it. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As the forms show it. */
    public String label() {
        return switch (this) {
            case WATCHING -> "Watching: tell me of every post";
            case TRACKING -> "Tracking: count unread posts";
            case NORMAL -> "Normal";
            case MUTED -> "Muted: never tell me";
        };
    }

    public boolean showsUnreadCounts() {
        return this == WATCHING || this == TRACKING;
    }

    public static Optional<NotificationLevel> parse(String value) {
        for (NotificationLevel level : values()) {
            if (level.value().equals(value)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    /** A stored value, or {@link #NORMAL} when there is none. */
    public static NotificationLevel ofStored(String value) {
        return value == null ? NORMAL : parse(value).orElse(NORMAL);
    }
}
