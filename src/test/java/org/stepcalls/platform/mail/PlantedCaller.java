package org.stepcalls.platform.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A caller's details planted in calls, notes and posts by the e-mail tests, so that every e-mail
 * of the run can be searched for them ({@link NoCallerInAnyMail}). Fictional name, drama number.
 */
public final class PlantedCaller {

    public static final String FIRST_NAME = "Zephyrine";
    public static final String PHONE = "07700 900713";
    public static final String NOTE = "spare key under the blue flowerpot";

    /** Any drama number (07700 900000–999) in any spacing: no e-mail carries a caller's or volunteer's number. */
    private static final Pattern DRAMA_NUMBER = Pattern.compile("(?:\\+?44[\\s.\\-()]*|0)7700[\\s.\\-]*900[\\s.\\-]*\\d{3}");

    private PlantedCaller() {
    }

    /** What of a caller this text shows; empty: nothing. */
    public static List<String> foundIn(String text) {
        List<String> found = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains(FIRST_NAME.toLowerCase(Locale.ROOT))) {
            found.add("the caller's first name");
        }
        if (lower.contains("blue flowerpot")) {
            found.add("the caller's note");
        }
        if (DRAMA_NUMBER.matcher(text).find()) {
            found.add("a phone number");
        }
        return found;
    }
}
