package org.stepcalls.platform.security;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a name from the token into a username as Discourse does: accents dropped, lower case,
 * anything but letters, digits, '_', '.' and '-' made '_', then the first free of
 * {@code helen}, {@code helen1}, {@code helen2}, …
 */
public final class UsernameSuggester {

    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 20;
    /** A UK number needs ten digits or more: with six at most, none fits in a username. */
    public static final int MAX_DIGITS = 6;
    /** When nothing usable is left of the name. */
    static final String FALLBACK = "member";

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{1,18}[A-Za-z0-9_]");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private UsernameSuggester() {
    }

    /**
     * What an erased account's username becomes, followed by its id: no living account may hold such a
     * name, or it would make that account's erasure fail on the unique username.
     */
    public static final String ERASED_PREFIX = "former_";

    /**
     * An erased account's username: its id in decimal while that fits the shape's six digits, else in
     * base 36 after a "z" (no decimal one has it), so that an account past id 999,999 can be erased too.
     */
    public static String erased(long accountId) {
        return accountId <= 999_999 ? ERASED_PREFIX + accountId : ERASED_PREFIX + "z" + Long.toString(accountId, 36);
    }

    /**
     * Whether {@code username} has a username's shape: 3–20 characters of the allowed kinds, few digits,
     * not an erased account's name.
     */
    public static boolean wellFormed(String username) {
        return username != null && SHAPE.matcher(username).matches() && digits(username) <= MAX_DIGITS
                && !username.toLowerCase(Locale.ROOT).startsWith(ERASED_PREFIX);
    }

    /** The base a username is made from; {@link #FALLBACK} when the name leaves too little. */
    static String base(String name, UsernamePolicy policy) {
        String text = name == null ? "" : Normalizer.normalize(name, Normalizer.Form.NFKD);
        text = MARKS.matcher(text).replaceAll("").toLowerCase(Locale.ROOT);
        int at = text.indexOf('@');
        if (at >= 0) {
            text = text.substring(0, at); // an address as the name: its local part only
        }
        if (digits(text) > 4) {
            text = text.replaceAll("[0-9]", ""); // digits enough to be part of a number are not kept
        }
        text = text.replaceAll("[^a-z0-9_.-]+", "_").replaceAll("[_.-]{2,}", "_").replaceAll("^[_.-]+|[_.-]+$", "");
        if (text.length() > MAX_LENGTH - 5) {
            text = text.substring(0, MAX_LENGTH - 5).replaceAll("[.-]+$", "");
        }
        if (text.length() < MIN_LENGTH || !wellFormed(text) || policy.showsContactDetails(text)) {
            return FALLBACK;
        }
        return text;
    }

    /** The first of base, base1, base2, … that nobody holds ({@code taken}: lower-cased usernames). */
    static String firstFree(String base, Set<String> taken) {
        if (!taken.contains(base.toLowerCase(Locale.ROOT))) {
            return base;
        }
        for (int n = 1;; n++) {
            String candidate = base + n;
            if (!taken.contains(candidate.toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
    }

    private static long digits(String text) {
        return text.chars().filter(c -> c >= '0' && c <= '9').count();
    }
}
