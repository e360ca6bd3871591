package org.stepcalls.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * Removes phone numbers and e-mail addresses from free text before it is stored (R16).
 *
 * <p>Numbers are found two ways. libphonenumber at POSSIBLE leniency finds numbers written the
 * usual ways (and, unlike VALID, the drama range 07700 900xxx). A bounded pattern finds digit
 * runs spread out to dodge it ("0 7 7 0 0 …", "07700-900-123"). Both are guarded so that
 * years, dates, times and counts survive.
 */
@ApplicationScoped
public class Redactor {

    public static final String NUMBER_REMOVED = "[number removed]";
    public static final String EMAIL_REMOVED = "[email removed]";

    /** Fewer digits than this is a count, a year, a time or a short code, not someone's number. */
    static final int MIN_PHONE_DIGITS = 9;

    /** Also the spelled-out "name (at) host (dot) org"; a plain dot takes no spaces, or sentences would join. */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+\\-]{1,64}(?:@|\\s?[(\\[]at[)\\]]\\s?)[A-Za-z0-9\\-]{1,63}"
                    + "(?:(?:\\.|\\s?[(\\[]dot[)\\]]\\s?)[A-Za-z0-9\\-]{1,63}){1,8}");
    /** Digits separated by at most three spaces, dots, dashes, slashes or brackets: 9–15 digits in all. */
    private static final Pattern SPREAD_DIGITS = Pattern.compile(
            "(?<![\\w])\\+?\\(?\\d(?:[\\s.\\-/()]{0,3}\\d){8,14}(?![\\w])");
    private static final Pattern DATE = Pattern.compile(
            "\\d{1,4}\\s?[./\\-]\\s?\\d{1,2}\\s?[./\\-]\\s?\\d{2,4}");
    private static final Pattern YEAR_RANGE = Pattern.compile("(?:19|20)\\d{2}\\s?[\\-–/]\\s?(?:19|20)\\d{2}");
    private static final Pattern TIME = Pattern.compile("\\d{1,2}[:.]\\d{2}");
    private static final int MAX_FIND_TRIES = 1_000;

    private final PhoneNumberUtil phoneNumbers = PhoneNumberUtil.getInstance();
    private final String region;

    public Redactor(@ConfigProperty(name = "stepcalls.default-region", defaultValue = "GB") String region) {
        this.region = region;
    }

    /** The text with every phone number and e-mail address replaced; {@code null} becomes empty. */
    public RedactedText redact(String raw) {
        if (raw == null || raw.isEmpty()) {
            return new RedactedText("", 0);
        }
        int[] count = { 0 };
        String withoutEmails = EMAIL.matcher(raw).replaceAll(match -> {
            count[0]++;
            return Matcher.quoteReplacement(EMAIL_REMOVED);
        });
        List<int[]> spans = numberSpans(withoutEmails);
        StringBuilder out = new StringBuilder(withoutEmails);
        for (int i = spans.size() - 1; i >= 0; i--) {
            out.replace(spans.get(i)[0], spans.get(i)[1], NUMBER_REMOVED);
        }
        return new RedactedText(out.toString(), count[0] + spans.size());
    }

    private List<int[]> numberSpans(String text) {
        List<int[]> spans = new ArrayList<>();
        for (PhoneNumberMatch match : phoneNumbers.findNumbers(text, region, PhoneNumberUtil.Leniency.POSSIBLE, MAX_FIND_TRIES)) {
            addIfPhoneLike(spans, text, match.start(), match.end());
        }
        Matcher spread = SPREAD_DIGITS.matcher(text);
        while (spread.find()) {
            addIfPhoneLike(spans, text, spread.start(), spread.end());
        }
        return merge(spans);
    }

    private static void addIfPhoneLike(List<int[]> spans, String text, int start, int end) {
        String candidate = text.substring(start, end).strip();
        long digits = candidate.chars().filter(Character::isDigit).count();
        if (digits < MIN_PHONE_DIGITS || looksLikeDateOrTime(candidate)) {
            return;
        }
        spans.add(new int[] { start, end });
    }

    private static boolean looksLikeDateOrTime(String candidate) {
        return DATE.matcher(candidate).matches() || YEAR_RANGE.matcher(candidate).matches()
                || (candidate.contains(":") && TIME.matcher(candidate).find());
    }

    private static List<int[]> merge(List<int[]> spans) {
        spans.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] span : spans) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && span[0] <= last[1]) {
                last[1] = Math.max(last[1], span[1]);
            } else {
                merged.add(new int[] { span[0], span[1] });
            }
        }
        return merged;
    }
}
