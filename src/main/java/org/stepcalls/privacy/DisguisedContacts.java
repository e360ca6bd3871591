package org.stepcalls.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The disguises a hostile writer found past {@link NumberRuns} and {@link EmailAddresses}: a UK number
 * whose digits are mixed with number words of several languages, Chinese numerals and filler letters
 * inside one word ("O7seven0zero9…", "0x7x7x0…"), or spread over many short groups joined by a filler
 * word ("0 and 7 and 7 …"); an address whose "at" is doubled, glued in capitals or spelt in punctuation
 * or another language ("sam^at^gmail", "samATgmailDOTcom", "sam arroba proton punto me"). Each rule
 * asks for what only a contact detail has — the digits of a whole UK number, or a mail provider after an
 * "at" — so prose with a few numbers in it stays. Linear in the text's length.
 */
final class DisguisedContacts {

    /** Number words of the languages members write in, 0–9, as a number is read out digit by digit. */
    private static final Map<String, Character> WORDS = words();
    private static final int LONGEST_WORD = 9;
    private static final Map<Character, List<String>> BY_FIRST_LETTER = byFirstLetter();
    /** A UK number's digits once its +44 or 0044 is read as 0: a mobile, or a geographic or non-geographic number. */
    private static final Pattern UK = Pattern.compile("0(7\\d{9}|[1-3]\\d{8,9})");
    private static final int MAX_DIGITS = 14;
    private static final String NUMERALS = "〇一二三四五六七八九零壹贰叁肆伍陆柒捌玖貳參陸幺两兩공영일이삼사오육칠팔구";
    private static final String NUMERAL_DIGITS = "0123456789" + "0" + "123456789" + "236" + "122" + "00123456789";
    private static final Pattern MOBILE_INSIDE = Pattern.compile("07\\d{9}");
    /** Words that may join the groups of a spread-out number: "0 and 7 and 7 …", "0 x 7 x 7". */
    private static final int MAX_FILLER_LETTERS = 8;
    /**
     * Number words that are everyday words too ("do", "go", "too", "un") or read-out words of languages
     * written in Latin letters here (Hindi "saat", Japanese "nana"): digits only beside another digit, and
     * also tried as filler between digits ("0 do 7 do 7 …").
     */
    private static final java.util.Set<String> WEAK = weakWords();
    /** "double zéro", "doppel null": the next digit said twice (or three times). */
    private static final Map<String, Integer> MULTIPLIERS = multipliers("double doble doppel doppelt doppio duplo dubbel dwbl podwójne",
            "triple treble triplo tripla dreifach");
    /** How far apart letters spelt one by one may stand: "z -- e -- r -- o". */
    private static final int MAX_SPELT_GAP = 8;

    /** Providers a reader completes from their name alone; never English words, so "at" before one is an address. */
    private static final String NOT_WORDS = "gmail|googlemail|hotmail|yahoo|ymail|icloud|aol|protonmail|btinternet"
            + "|gmx|yandex|zoho|fastmail|tutanota|virginmedia|talktalk";
    /** Providers that are English words too ("a look at Outlook"): after a spelt "at", only with a domain after them. */
    private static final String WORDS_TOO = "outlook|proton";
    /** Providers said as they sound ("gee mail", "hot mail"): words of prose too, so only with a domain after them. */
    private static final String SPOKEN = "g[ -]mail|[gj]ee[ -]?mail|google[ -]mail|hot[ -]mail|i[ -]cloud|proton[ -]mail|out[ -]look"
            + "|bt[ -]internet|virgin[ -]media|talk[ -]talk|ya[ -]hoo";
    private static final String PROVIDERS = NOT_WORDS + "|" + WORDS_TOO;
    private static final List<String> PROVIDER_NAMES = List.of((NOT_WORDS + "|" + WORDS_TOO + "|live|msn|sky|hey|pm"
            + "| mail|-mail|eemail|i cloud|i-cloud|out look|out-look|bt internet|virgin media|talk talk|ya hoo").split("\\|"));
    /** How far before a provider's name a name and its "at" may start, and after it its domain end. */
    private static final int WINDOW_BEFORE = 64 + 3 + 12 + 3;
    private static final int WINDOW_AFTER = 40;
    /** A mailbox's name, starting where a run of its characters starts: tried there only, so a long text costs a scan. */
    private static final String LOCAL = "(?<![\\p{L}\\p{N}._+%-])[\\p{L}\\p{N}][\\p{L}\\p{N}._+%-]{0,63}";
    private static final String SEP = "[\\s\\p{P}\\p{S}&&[^@]]";
    /**
     * "at" in the words and signs of several languages, with punctuation or spaces either side; each also as
     * the reading folds its look-alike letters ("собака" is read "coбaкa").
     */
    private static final String SPELT_AT_WORDS = spelledAt("at|ät|arroba|chez|bei|małpa|malpa|kukac|snabel-a|apestaart|apenstaart"
            + "|chiocciola|arobase|sobaka|собака|ат|at-sign|at sign|the at sign|a-t|παπάκι|アットマーク");
    /** What may follow a provider as its dot and top-level domain, spelt or not: " dot me", " punto com", "-com". */
    /** As {@link #TAIL}, with its dot said or written: after a provider that is a word too ("Outlook, me and Zelda", "talk talk, me too" are prose). */
    private static final String DOTTED_TAIL = "[\\s\\p{P}\\p{S}&&[^@.]]{0,3}(?:\\.|dot|punto|point|punkt|kropka|ponto|punt|period|full stop)"
            + "[\\s\\p{P}\\p{S}&&[^@.]]{0,3}(?:com|co|uk|me|org|net|ch|de|fr|es|io|eu)\\b";
    private static final String TAIL = "[\\s\\p{P}\\p{S}&&[^@]]{0,3}(?:dot|punto|point|punkt|kropka|ponto|punt|period|full stop)?"
            + "[\\s\\p{P}\\p{S}&&[^@]]{0,3}(?:com|co|uk|me|org|net|ch|de|fr|es|io|eu)\\b";
    private static final Pattern SPELT_AT = Pattern.compile("(?iu)(" + LOCAL + ")" + SEP + "{1,3}" + SPELT_AT_WORDS + SEP
            + "{1,3}(?:(?:" + NOT_WORDS + ")[\\p{L}\\p{N}._-]*|(?:" + WORDS_TOO + "|" + SPOKEN + ")(?=" + DOTTED_TAIL + "))");
    /**
     * "@" with a provider after it, however the domain goes on: "sam@gmail_com", "sam @ gmail-com", "sam @@ gmail.com" —
     * glued to the name, or spaced on both sides, or doubled; never a mention ("thanks @sky": a space before only).
     */
    private static final Pattern AT_SIGNS = Pattern.compile("(?iu)(" + LOCAL + ")(?:[@#%*&à]+\\s{0,3}|\\s{1,3}@+\\s{1,3}|\\s{1,3}@@+\\s{0,3})"
            + "(?:" + PROVIDERS + "|" + SPOKEN + "|live|msn|sky|hey|pm)[\\p{L}\\p{N}._-]*");
    /** "at" glued between a name and a provider: "samjonesATgmailDOTcom", "samjonesatgmail.com". */
    private static final Pattern CAPITAL_AT = Pattern.compile("(?<![\\p{L}\\p{N}._-])(\\p{Ll}[\\p{L}\\p{N}._-]{0,63})(?:AT|A|at)(?i:" + PROVIDERS
            + ")[\\p{L}\\p{N}._-]*");
    private static final Pattern DOMAIN_TAIL = Pattern.compile("(?iu)" + TAIL);
    /**
     * A provider that is an English word too, or has no domain said, after "at" with a name before it and a
     * word of mailing before that: "write to zelda at proton", "email sam at sky". Never "email me at …".
     */
    private static final Pattern MAILED_AT = Pattern.compile("(?iu)(?:\\be-?mails?(?:\\s{1,3}(?:address\\s{1,3})?is|\\s{1,3}to)?\\s{0,3}:?"
            + "|\\bmail|\\bwrite\\s{1,3}to|\\bdrop\\s{1,3}a\\s{1,3}line\\s{1,3}to)"
            + "\\s{1,3}(?!(?:me|us|him|her|them|you|it|back|again)\\b)(" + LOCAL + ")\\s{1,3}(?:at|@)\\s{1,3}(?:" + WORDS_TOO
            + "|sky)\\b");
    /** One part of a mailbox's name and the spelt or spaced dot after it, ending where the next part starts. */
    private static final Pattern NAME_PART_BEFORE = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}._+%-])[\\p{L}\\p{N}][\\p{L}\\p{N}._+%-]{0,31}"
            + "(?:\\s{1,3}[._+•·]\\s{1,3}|\\s{0,3}['\"‘’“(\\[]?(?:dot|under\\s?score|dash|hyphen|punto|point|punkt|kropka|period|full\\s?stop)['\"‘’”)\\]]?\\s{0,3})$");
    private static final int NAME_PART_WINDOW = 32 + 3 + 12 + 3;
    /** "my gmail is zeldasmith562": a name given as a provider's, with a digit, dot or underscore in it (not "my gmail is full"). */
    private static final Pattern PROVIDER_IS = Pattern.compile("(?iu)\\b(?:g\\s?mail|googlemail|google\\s?mail|hot\\s?mail|yahoo(?:\\s?mail)?|ymail"
            + "|icloud|aol|proton\\s?mail)(?:['’]s|\\s{1,3}(?:(?:address|account|user\\s?name|account\\s{1,3}name|name)\\s{1,3})?is\\s{0,3}:?"
            + "|\\s{0,3}(?:address|account)?\\s{0,3}[:=–-])\\s{1,3}['\"‘“]?"
            + "(?=[\\p{L}\\p{N}._+-]{0,63}(?:\\p{N}|[_.][\\p{L}\\p{N}]))(\\p{L}[\\p{L}\\p{N}._+-]{2,63})");

    /** What ends a name that is a file's or a web address's: "rota.pdf", "na.org". */
    private static final String FILES_AND_DOMAINS = "pdf|docx?|xlsx?|xlsm|pptx?|odt|ods|odp|rtf|txt|csv|md|html?|json|xml|ics|vcf|eml|msg"
            + "|epub|mobi|pages|numbers|key|jpe?g|png|gif|webp|heic|tiff?|svg|zip|rar|7z|gz|mp[34]|m4a|wav|mov"
            + "|org|com|net|uk|io|ly|co|me|info|gov|edu|app|dev|ac|eu|de|fr|es|ie|us|tv|fm|gl|gg|to";

    /**
     * "zeldasmith562 on gmail", "zelda_smith on hotmail": a name given with its provider after it, no "at" said. The
     * name is written as a mailbox's is, in small letters, with a digit, or a dot or underscore before two characters
     * ("I'm on gmail", "e.g. on gmail", "Office365 on gmail", "J.Smith on gmail" stay), and is no file ("rota.pdf on
     * gmail"), web address ("na.org on gmail") or version ("v2.1", "version2"). A list's commas and slashes and
     * "via" are left out ("office365, gmail and zoom", "rota_2024 via gmail"), and so are the providers that are
     * words too.
     */
    private static final Pattern NAME_ON_PROVIDER = nameBeforeProvider("[_.][\\p{L}\\p{N}]{2}", "\\s{1,3}(?i:on)\\s{1,3}");
    /** "zeldasmith562 - gmail", "zelda.smith (gmail)": with a dash or a bracket, a digit or a dot ("step_work - gmail" stays). */
    private static final Pattern NAME_DASH_PROVIDER = nameBeforeProvider("\\.[\\p{L}\\p{N}]{2}",
            "\\s{1,3}[–—-]{1,2}\\s{1,3}|\\s{0,3}\\(\\s{0,3}");

    private DisguisedContacts() {
    }

    private static Pattern nameBeforeProvider(String besidesADigit, String separator) {
        return Pattern.compile("(?u)(?<![\\p{L}\\p{N}._+%-])"
                + "(?=[\\p{L}\\p{N}._+-]{0,63}(?:\\p{N}|" + besidesADigit + "))"
                // in small letters; a capital first only in a name with parts ("Zelda.smith562": a phone's capital)
                + "(?=(?:\\p{Lu}(?=[\\p{Ll}\\p{N}._+-]{0,62}[._]\\p{Ll}{2}))?[\\p{Ll}\\p{N}._+-]{3,64}(?![\\p{L}\\p{N}._+-]))"
                + "(?![\\p{L}\\p{N}._+-]{0,58}\\.(?:" + FILES_AND_DOMAINS + ")(?![\\p{L}\\p{N}._+-]))"
                + "(?!(?:v|ver|version|release|build|step|group|room|page)?\\.?\\d+(?:[._]\\d+)*[a-z]?(?![\\p{L}\\p{N}_]))"
                + "(\\p{L}[\\p{L}\\p{N}._+-]{3,63})(?:" + separator + ")"
                + "(?i:" + NOT_WORDS + "|g\\s?mail|hot\\s?mail|proton\\s?mail)\\b\\)?");
    }

    private static String spelledAt(String words) {
        java.util.Set<String> spellings = new java.util.LinkedHashSet<>();
        for (String word : words.split("\\|")) {
            spellings.add(Pattern.quote(word));
            spellings.add(Pattern.quote(Lookalikes.foldAll(word)));
        }
        return "(?:" + String.join("|", spellings) + ")";
    }

    /** {@code [start, end)} spans of {@code text} that are addresses in a disguise. */
    static List<int[]> addresses(String text) {
        List<int[]> spans = new ArrayList<>();
        // every rule needs a provider's name: the patterns run only around one, so a long text costs a scan
        String lower = NumberWords.lower(text); // one character for one: positions in it are positions in the text
        List<int[]> found = new ArrayList<>();
        for (String provider : PROVIDER_NAMES) {
            for (int at = lower.indexOf(provider); at >= 0; at = lower.indexOf(provider, at + 1)) {
                found.add(new int[] { Math.max(0, at - WINDOW_BEFORE), Math.min(text.length(), at + provider.length() + WINDOW_AFTER) });
            }
        }
        found.sort(java.util.Comparator.comparingInt(w -> w[0]));
        List<int[]> windows = new ArrayList<>();
        for (int[] window : found) {
            int[] last = windows.isEmpty() ? null : windows.get(windows.size() - 1);
            if (last != null && last[1] >= window[0]) {
                last[1] = Math.max(last[1], window[1]);
            } else {
                windows.add(window);
            }
        }
        for (int[] window : windows) {
            for (Pattern pattern : List.of(SPELT_AT, AT_SIGNS, CAPITAL_AT, MAILED_AT, PROVIDER_IS, NAME_ON_PROVIDER, NAME_DASH_PROVIDER)) {
                Matcher m = pattern.matcher(text).region(window[0], window[1]).useTransparentBounds(true);
                while (m.find()) {
                    int end = m.end();
                    Matcher tail = DOMAIN_TAIL.matcher(text).region(end, Math.min(text.length(), end + WINDOW_AFTER))
                            .useTransparentBounds(true);
                    if (tail.lookingAt()) {
                        end = tail.end();
                    }
                    spans.add(new int[] { nameStart(text, m.start(1)), end });
                }
            }
        }
        return spans;
    }

    /**
     * Where a mailbox's name starts when it is spelt with spaces around its dots: "zelda . smith at gmail",
     * "zelda underscore smith at gmail" — the parts before the one the pattern found, up to four.
     */
    static int nameStart(String text, int start) {
        for (int part = 0; part < 4; part++) {
            Matcher before = NAME_PART_BEFORE.matcher(text).region(Math.max(0, start - NAME_PART_WINDOW), start);
            if (!before.find()) {
                break;
            }
            start = before.start();
        }
        return start;
    }

    /** {@code [start, end)} spans of {@code text} that are UK numbers in a disguise. */
    static List<int[]> numbers(String text) {
        List<int[]> spans = new ArrayList<>();
        glued(text, spans);
        List<int[]> words = wordsOf(text);
        spread(text, words, spans, false);
        spread(text, words, spans, true); // "0 do 7 do 7 …": a short word that is also a number word, read as filler
        spelt(text, spans);
        return spans;
    }

    /**
     * Letters spelt one by one, with a sign or a space between: "z-e-r-o s-e-v-e-n …", "z e r o 7 7 …".
     * Read as the word they make, then as {@link #glued} reads a word. Ten single letters in a row are
     * rare in prose, and the reading must still make a whole UK number with a number word in it.
     */
    private static void spelt(String text, List<int[]> spans) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            int start = -1;
            int end = -1;
            StringBuilder word = new StringBuilder();
            while (i < n) {
                int gap = i;
                while (i < n && !Character.isLetterOrDigit(text.charAt(i))) {
                    i++;
                }
                int single = i;
                while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                    i++;
                }
                if (i - single != 1) {
                    break; // a longer word ends the run (and starts none)
                }
                if (end >= 0 && single - gap > MAX_SPELT_GAP) {
                    i = single; // too far from the last letter: a run of its own starts here
                    break;
                }
                start = start < 0 ? single : start;
                end = i;
                word.append(text.charAt(single));
            }
            if (word.length() >= 10) { // however long: letters of padding around it must not hide it
                Reading reading = read(word.toString(), 0, word.length());
                if (reading.worded() && (isUkNumber(reading.digits()) || MOBILE_INSIDE.matcher(reading.digits()).find())) {
                    spans.add(new int[] { start, end });
                }
            }
        }
    }

    /**
     * A word as the number words are kept, one character for one: look-alikes folded in both cases
     * (lower у is folded to y, upper Н to H), so "НУЛЬ", "нуль" and the reading's "нyль" are one word.
     */
    private static String canonical(String word) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isSurrogate(c)) {
                out.append(c);
                continue;
            }
            char lower = bmp(Lookalikes.fold(Character.toLowerCase(c)), c);
            char upper = bmp(Lookalikes.fold(Character.toUpperCase(lower)), lower);
            out.append(Character.toLowerCase(upper));
        }
        return out.toString();
    }

    private static char bmp(int folded, char otherwise) {
        return folded < Character.MIN_SUPPLEMENTARY_CODE_POINT ? (char) folded : otherwise;
    }

    /** One word with no space in it whose digits, number words and numerals make a whole UK number. */
    private static void glued(String text, List<int[]> spans) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i - start >= 10 && i - start <= 400 && numeralsIn(text, start, i) >= 3) {
                Reading reading = read(text, start, i);
                if (reading.worded() && (isUkNumber(reading.digits()) || hasMobile(reading.digits()))) {
                    spans.add(new int[] { start, i });
                }
            }
        }
    }

    /**
     * The words of {@code text}: start, end, the digit it reads as (or -1), 1 if that reading is weak, how many times a
     * multiplier ("double") says the next digit (else 0), and 1 if it is a group of two to seven digits.
     */
    private static List<int[]> wordsOf(String text) {
        List<int[]> words = new ArrayList<>();
        int n = text.length();
        for (int i = 0; i < n;) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || apostropheInWord(text, start, i))) {
                i++;
            }
            // one digit a group, as a number is read out: "01 and 02 and 03 …" is a list of steps
            String word = i - start <= LONGEST_WORD ? canonical(text.substring(start, i)) : null;
            int digit = digitOf(text, start, i, word);
            words.add(new int[] { start, i, digit, digit >= 0 && WEAK.contains(word) ? 1 : 0,
                word == null || digit >= 0 ? 0 : MULTIPLIERS.getOrDefault(word, 0), isGroup(text, start, i) ? 1 : 0 });
        }
        return words;
    }

    /**
     * Single digits or number words joined by spaces, signs and at most two short words ("and", "x",
     * "und"), whose digits together make a UK number: "0 and 7 and 7 and 0 …", "null sieben sieben …".
     * Only when a word joins them or a group is spelt: plain spaced digits are {@link NumberRuns}'s.
     */
    private static void spread(String text, List<int[]> words, List<int[]> spans, boolean fillerWordsAreFillers) {
        List<int[]> tokens = new ArrayList<>(words.size());
        for (int[] word : words) {
            tokens.add(new int[] { word[0], word[1], fillerWordsAreFillers && word[3] == 1 ? -1 : word[2], word[3], word[4], word[5] });
        }
        // a weak word ("do", "saat", "nana") is a digit only beside another: read out, digits come one after another
        for (int t = 0; t < tokens.size(); t++) {
            if (tokens.get(t)[3] == 1 && tokens.get(t)[2] >= 0 && !(t > 0 && tokens.get(t - 1)[2] >= 0)
                    && !(t + 1 < tokens.size() && tokens.get(t + 1)[2] >= 0)) {
                tokens.get(t)[2] = -1;
            }
        }
        boolean worded = false;
        for (int t = 0; t < tokens.size(); t++) {
            int[] token = tokens.get(t);
            boolean afterDigit = t > 0 && tokens.get(t - 1)[2] >= 0;
            worded |= (token[2] >= 0 && !Character.isDigit(text.charAt(token[0])))
                    || (token[2] < 0 && afterDigit && token[1] - token[0] <= MAX_FILLER_LETTERS);
        }
        if (!worded) {
            return; // digits with nothing but spaces and signs between them are NumberRuns'
        }
        for (int first = 0; first < tokens.size(); first++) {
            if (tokens.get(first)[2] < 0 && tokens.get(first)[5] == 0) {
                continue;
            }
            StringBuilder digits = new StringBuilder();
            boolean disguised = false;
            boolean grouped = false;
            boolean spelt = false;
            int fillers = 0;
            int repeat = 1;
            for (int t = first; t < tokens.size(); t++) {
                int[] token = tokens.get(t);
                if (token[2] >= 0 || token[5] == 1) {
                    if (token[2] >= 0) {
                        for (int r = 0; r < repeat; r++) {
                            digits.append((char) ('0' + token[2]));
                        }
                    } else {
                        digits.append(text, token[0], token[1]); // "07700 neuf zéro zéro …", "+44 sept sept …"
                        grouped = true;
                    }
                    repeat = 1;
                    spelt |= !Character.isDigit(text.charAt(token[0]));
                    disguised |= !Character.isDigit(text.charAt(token[0])) || fillers > 0;
                    fillers = 0;
                    if (digits.length() > MAX_DIGITS) {
                        break;
                    }
                    // a group of digits counts only beside number words: "01 and 02 and 03 …" is a list of steps
                    if (disguised && (spelt || !grouped) && isMobile(digits)) {
                        spans.add(new int[] { tokens.get(first)[0], token[1] });
                        first = t;
                        break;
                    }
                } else if (token[4] > 1 && t + 1 < tokens.size() && tokens.get(t + 1)[2] >= 0) {
                    repeat = token[4];
                    disguised = true;
                } else if (token[1] - token[0] <= MAX_FILLER_LETTERS && ++fillers <= 3) {
                    continue;
                } else {
                    break;
                }
            }
        }
    }

    /** Two to seven digits on their own: a group of a number read out partly in words ("07700 neuf zéro …"). */
    private static boolean isGroup(String text, int start, int end) {
        if (end - start < 2 || end - start > 7) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The digit a word reads as whole — one digit, one Chinese numeral or one number word — or -1. */
    private static int digitOf(String text, int start, int end, String canonicalWord) {
        if (end - start == 1) {
            char c = text.charAt(start);
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            Character kana = WORDS.get(canonicalWord); // に, ご: one sign, one word
            return kana != null ? kana - '0' : numeral(c);
        }
        if (canonicalWord == null) {
            return -1; // longer than any number word
        }
        Character digit = WORDS.get(canonicalWord);
        return digit == null ? -1 : digit - '0';
    }

    private static int numeralsIn(String text, int start, int end) {
        int count = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || numeral(c) >= 0) {
                count++;
            }
        }
        return count;
    }

    /**
     * Spread over words, a mobile only: lists of steps, scores and Welsh or English prose ("dim un, dim
     * dau") read as 0, 1, 2 … — a landline's shape — far more often than anyone spells a landline out.
     */
    private static boolean isMobile(CharSequence digits) {
        int n = digits.length(); // 07, 447 or 00447 and nine digits more (no regular expression: tried at every digit)
        return (n == 11 && startsWith(digits, "07")) || (n == 12 && startsWith(digits, "447")) || (n == 14 && startsWith(digits, "00447"));
    }

    private static boolean startsWith(CharSequence digits, String prefix) {
        if (digits.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (digits.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A mobile with a digit or two of cover around it, in a word of at most 13 digits: "O7seven0…sevenx2". */
    private static boolean hasMobile(String digits) {
        return digits.length() <= 13 && MOBILE_INSIDE.matcher(digits).find();
    }

    private static boolean isUkNumber(CharSequence digits) {
        String d = digits.toString();
        if (d.startsWith("0044")) {
            d = "0" + d.substring(4);
        } else if (d.startsWith("44")) {
            d = "0" + d.substring(2);
        }
        return UK.matcher(d).matches();
    }

    /**
     * What {@code text[start, end)} reads as: its digits (of any script, Chinese numerals, number words,
     * and O or o beside a digit), other letters and signs passed over.
     */
    private static Reading read(String text, int start, int end) {
        StringBuilder digits = new StringBuilder();
        boolean worded = false;
        String lower = canonical(text.substring(start, end));
        int i = 0;
        int n = lower.length();
        while (i < n) {
            char c = lower.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
                i++;
                continue;
            }
            worded |= Character.isLetter(c);
            int numeral = numeral(c);
            if (c == '-' && (isNumeral(lower, i - 1) || isNumeral(lower, i + 1))) {
                numeral = 1; // the reading folds 一 to a dash; beside another Chinese numeral it is one
            }
            if (numeral >= 0) {
                digits.append((char) ('0' + numeral));
                worded = true;
                i++;
                continue;
            }
            int word = longestWordAt(lower, i);
            if (word > 0) {
                digits.append(WORDS.get(lower.substring(i, i + word)));
                i += word;
                continue;
            }
            boolean besideDigit = (i > 0 && Character.isDigit(lower.charAt(i - 1)))
                    || (i + 1 < n && Character.isDigit(lower.charAt(i + 1)));
            if (c == 'o' && besideDigit) {
                digits.append('0');
            }
            i++; // else a filler letter or sign inside the word
        }
        return new Reading(digits.toString(), worded);
    }

    /** "дев'ять", "п’ять": an apostrophe between letters belongs to the word. */
    private static boolean apostropheInWord(String text, int start, int i) {
        char c = text.charAt(i);
        return (c == '\'' || c == '\u2019' || c == '\u02BC') && i > start && i + 1 < text.length()
                && Character.isLetter(text.charAt(i - 1)) && Character.isLetter(text.charAt(i + 1));
    }

    private static boolean isNumeral(String text, int i) {
        return i >= 0 && i < text.length() && text.charAt(i) != '一' && numeral(text.charAt(i)) >= 0;
    }

    /**
     * A numeral read as a digit: Chinese (〇一二…, 零, the financial 壹贰叁…, 幺 for one as phone numbers are
     * read out, 两), Sino-Korean (공 영 일 이 삼 …); -1 for anything else.
     */
    private static int numeral(char c) {
        int at = NUMERALS.indexOf(c);
        return at < 0 ? -1 : NUMERAL_DIGITS.charAt(at) - '0';
    }

    private static int longestWordAt(String lower, int i) {
        List<String> candidates = BY_FIRST_LETTER.get(lower.charAt(i));
        if (candidates != null) {
            for (String word : candidates) { // longest first
                if (lower.startsWith(word, i)) {
                    return word.length();
                }
            }
        }
        return 0;
    }

    /** {@code worded}: a letter, a Chinese numeral or a number word was part of it, not only signs. */
    private record Reading(String digits, boolean worded) {
    }

    private static Map<Character, List<String>> byFirstLetter() {
        Map<Character, List<String>> byFirst = new java.util.HashMap<>();
        for (String word : WORDS.keySet()) {
            if (!isKana(word)) {
                byFirst.computeIfAbsent(word.charAt(0), c -> new ArrayList<>()).add(word);
            }
        }
        byFirst.values().forEach(list -> list.sort(java.util.Comparator.comparingInt(String::length).reversed()));
        return Map.copyOf(byFirst);
    }

    /** Number words of languages whose words are ordinary words elsewhere, or that are one sign long: weak. */
    private static String[] languages(boolean weak) {
        return weak ? new String[] {
            "shunya|sifar|sifr ek do teen|tin char|chaar panch|paanch chhe|chhah|chhay saat aath|aath nau|nau", // Hindi, Urdu, Punjabi
            "ぜろ|れい いち に さん よん|し ご ろく なな|しち はち きゅう|く", // Japanese kana
            "ゼロ|レイ イチ ニ サン ヨン|シ ゴ ロク ナナ|シチ ハチ キュウ|ク", // Japanese katakana
            "rei ichi ni san yon|shi go roku nana|shichi hachi kyu|kyuu|kyū", // Japanese read out
            "zer0 won too|tu tree fore fiv sicks sevn|sevan|seben ate|eigt nien|nein", // misspelt, sound-alike
        } : new String[] {
            "zero|oh|nought|nil one two three four five six seven eight nine", // English
            "null|nul eins|ein|een|één zwei|zwo|twee drei|drie vier fünf|fuenf|funf|vijf sechs|zes sieben|zeven acht neun|negen",
            "zéro un|une deux trois quatre cinq six sept huit neuf", // French
            "cero|zero uno|una|um dos|dois|duas|due tres|três|tre cuatro|quatro|quattro cinco|cinque seis|sei siete|sete|sette "
                    + "ocho|oito|otto nueve|nove", // Spanish, Portuguese, Italian
            "zero jeden|jedna dwa trzy cztery pięć|piec sześć|szesc siedem osiem dziewięć|dziewiec", // Polish
            "dim un dau|dwy tri|tair pedwar pump chwech saith wyth naw", // Welsh
            "noll ett|en två tre fyra fem sex sju åtta nio", // Swedish
            "sıfır bir iki üç dört beş altı yedi sekiz dokuz", // Turkish
            "ноль|нуль один|одна|одно два|две|дві три чотири|четыре пять|пʼять шесть|шість семь|сім восемь|вісім "
                    + "девять|девʼять", // Russian, Ukrainian
            "μηδέν|μηδεν ένα|ενα δύο|δυο|δυό τρία|τρια τέσσερα|τεσσερα πέντε|πεντε έξι|εξι επτά|επτα|εφτά|εφτα "
                    + "οκτώ|οκτω|οχτώ|οχτω εννέα|εννεα|εννιά|εννια", // Greek
            "صفر واحد اثنان|اثنين ثلاثة أربعة|اربعة خمسة ستة سبعة ثمانية تسعة", // Arabic
        };
    }

    /** Strong languages' words that are everyday English (or Latin-script) words too. */
    private static final String EVERYDAY_TOO = "do go too won ate tin char un une en sex due dim tri tre sei ett bir um una uno";

    private static Map<String, Character> words() {
        Map<String, Character> words = new java.util.HashMap<>();
        for (boolean weak : new boolean[] { false, true }) {
            for (String language : languages(weak)) {
                String[] digits = language.split(" ");
                for (int digit = 0; digit < 10; digit++) {
                    for (String word : digits[digit].split("\\|")) {
                        for (String spelling : spellings(word)) {
                            words.putIfAbsent(spelling, (char) ('0' + digit));
                        }
                    }
                }
            }
        }
        return Map.copyOf(words);
    }

    private static Map<String, Integer> multipliers(String twice, String thrice) {
        Map<String, Integer> multipliers = new java.util.HashMap<>();
        for (String word : twice.split(" ")) {
            spellings(word).forEach(spelling -> multipliers.put(spelling, 2));
        }
        for (String word : thrice.split(" ")) {
            spellings(word).forEach(spelling -> multipliers.put(spelling, 3));
        }
        return Map.copyOf(multipliers);
    }

    private static java.util.Set<String> weakWords() {
        java.util.Set<String> weak = new java.util.HashSet<>();
        for (String language : languages(true)) {
            for (String word : language.split("[ |]")) {
                weak.addAll(spellings(word));
            }
        }
        for (String word : EVERYDAY_TOO.split(" ")) {
            weak.addAll(spellings(word));
        }
        return java.util.Set.copyOf(weak);
    }

    /**
     * The forms a word is looked up by: as the reading folds it written in small letters or in capitals (a
     * capital Ν becomes N, a small ν v), then {@link #canonical}; and with any of the three apostrophes.
     */
    private static List<String> spellings(String word) {
        List<String> spellings = new ArrayList<>();
        for (String apostrophe : List.of("\u02BC", "'", "\u2019")) {
            String spelt = word.replace("\u02BC", apostrophe);
            for (String written : List.of(spelt, spelt.toUpperCase(Locale.ROOT))) {
                spellings.add(canonical(written));
                spellings.add(canonical(Lookalikes.foldAll(written)));
            }
        }
        return spellings.stream().distinct().toList();
    }

    /** Japanese kana: one sign may be a number word, so they are read only as words of their own, never inside one. */
    private static boolean isKana(String word) {
        char c = word.charAt(0);
        return c >= '\u3040' && c <= '\u30FF';
    }
}
