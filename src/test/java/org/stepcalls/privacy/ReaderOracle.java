package org.stepcalls.privacy;

import java.text.Bidi;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * What a determined reader can make of a page or an API answer, written independently of the
 * redactor so that it can catch the redactor out: entities decoded, NFKC, invisible characters
 * and marks dropped, digits of every script and number words read as digits, O/o as 0 and l/I
 * as 1, and then — the reader's last resort — every non-digit between digits ignored.
 */
public final class ReaderOracle {

    private static final Pattern REPEAT = Pattern.compile("(double|triple|treble)[\\s\\-]*(zero|oh|nought|one|two|three|four|five|six|seven|eight|nine)");
    private static final String[] WORDS = { "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine" };

    /** Letters a reader takes for digits (lower case, as read): ezh, yogh, Abkhaz dze, Cyrillic ze (3), che (4), be and tone six (6), tone two (2), tone five (5), Tironian et (7). */
    private static final String SHAPED_LIKE_DIGITS = "\u0292\u021D\u04E1\u0437\u0447\u0431\u0185\u01A8\u01BB\u01BD\u204A";
    private static final String SHAPED_DIGITS = "33334662257";
    /** Letters a reader takes for digits in a row of digits: Z 2, E 3, S 5, B 8 (lower case here). */
    private static final String LEET = "zesb";
    private static final String LEET_DIGITS = "2358";

    private ReaderOracle() {
    }

    /** The visible text of an HTML page or fragment and the addresses of its links. */
    public static String pageText(String html) {
        Document document = Jsoup.parse(html);
        StringBuilder text = new StringBuilder(document.text());
        for (Element link : document.select("[href]")) {
            text.append(' ').append(link.attr("href"));
        }
        return text.toString();
    }

    /** Markdown source as an API reader might render it: entities decoded. */
    public static String sourceText(String markdown) {
        return markdown == null ? "" : Parser.unescapeEntities(markdown, false);
    }

    /**
     * Every digit the reader can make out, with nothing between them: in the order stored, then
     * (after a "|") in the order shown, where right-to-left text and controls reorder them.
     */
    public static String digits(String readerText) {
        String shown = visualOrder(readerText);
        return shown.equals(readerText) ? digitsInOrder(readerText) : digitsInOrder(readerText) + "|" + digitsInOrder(shown);
    }

    /** The text in the order a browser shows it, line by line (java.text.Bidi, left-to-right paragraphs). */
    static String visualOrder(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            if (shown.length() > 0) {
                shown.append('\n');
            }
            Bidi bidi = new Bidi(line, Bidi.DIRECTION_LEFT_TO_RIGHT);
            if (bidi.isLeftToRight()) {
                shown.append(line);
                continue;
            }
            int count = bidi.getRunCount();
            byte[] levels = new byte[count];
            Object[] runs = new Object[count];
            for (int r = 0; r < count; r++) {
                levels[r] = (byte) bidi.getRunLevel(r);
                String run = line.substring(bidi.getRunStart(r), bidi.getRunLimit(r));
                runs[r] = levels[r] % 2 == 1 ? new StringBuilder(run).reverse().toString() : run;
            }
            Bidi.reorderVisually(levels, 0, runs, 0, count);
            for (Object run : runs) {
                shown.append(run);
            }
        }
        return shown.toString();
    }

    private static String digitsInOrder(String readerText) {
        String text = readable(readerText);
        Matcher repeat = REPEAT.matcher(text);
        StringBuilder expanded = new StringBuilder();
        while (repeat.find()) {
            String word = repeat.group(2);
            int times = repeat.group(1).equals("double") ? 2 : 3;
            repeat.appendReplacement(expanded, Matcher.quoteReplacement((word + " ").repeat(times)));
        }
        repeat.appendTail(expanded);
        text = expanded.toString().replace("nought", "0").replace("oh", "0");
        for (int d = 0; d < WORDS.length; d++) {
            text = text.replace(WORDS[d], Integer.toString(d));
        }
        StringBuilder digits = new StringBuilder();
        for (char c : text.toCharArray()) {
            int shaped = SHAPED_LIKE_DIGITS.indexOf(c);
            if (shaped >= 0) {
                digits.append(SHAPED_DIGITS.charAt(shaped));
            } else if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == 'o') {
                digits.append('0');
            } else if (c == 'l' || c == 'i') {
                digits.append('1');
            } else if (LEET.indexOf(c) >= 0) {
                digits.append(LEET_DIGITS.charAt(LEET.indexOf(c)));
            }
        }
        return digits.toString();
    }

    /** The letters and digits the reader can make out, lower case, with nothing between them. */
    public static String letters(String readerText) {
        StringBuilder letters = new StringBuilder();
        readable(readerText).codePoints().filter(Character::isLetterOrDigit).forEach(letters::appendCodePoint);
        return letters.toString();
    }

    private static String readable(String raw) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK || cp == 0x115F || cp == 0x1160 || cp == 0x3164) {
                return;
            }
            if (type == Character.DECIMAL_DIGIT_NUMBER) {
                out.append(Character.digit(cp, 10));
            } else if ((type == Character.OTHER_NUMBER || type == Character.LETTER_NUMBER) && Character.getNumericValue(cp) >= 0) {
                out.append(Character.getNumericValue(cp));
            } else {
                out.appendCodePoint(latin(Character.toLowerCase(cp)));
            }
        });
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** Cyrillic, Greek and other letters and signs a reader takes for o, i and l. */
    private static int latin(int cp) {
        return switch (cp) {
            case 0x043E, 0x03BF, 0x00F8, 0x2C9F, 0x0585, 0x1D0F, 0x25CB, 0x2205, 0x29B0, 0x2300, 0x2298, 0x2B2F, 0x2B55 -> 'o';
            case 0x0456, 0x03B9 -> 'i';
            case 0x04CF, 0x01C0 -> 'l';
            default -> cp;
        };
    }
}
