package org.stepcalls.privacy;

/**
 * Letters and numerals of other scripts that a reader cannot tell from Latin ones (Cyrillic О,
 * Greek Ι, the IDN full stop 。), folded to ASCII so that "077ОО" (Cyrillic О) is read as the
 * Latin "077OO" — and so as digits — and "ѕеvеn" as "seven"; letters that look like a dash
 * (katakana ー) are read as one, and signs and letters shaped like a digit (∅, ⁊, Ʒ) as that digit.
 * Characters NFKC already maps are not listed.
 */
final class Lookalikes {

    /** Pairs: a look-alike, then the ASCII character it passes for. */
    private static final String PAIRS = ""
            // Cyrillic
            + "\u0410A\u0412B\u0415E\u041AK\u041CM\u041DH\u041EO\u0420P\u0421C\u0422T\u0425X\u0406I\u0408J\u0405S\u04C0l"
            + "\u0430a\u0435e\u043Eo\u0440p\u0441c\u0443y\u0445x\u0456i\u0458j\u0455s\u04CFl\u0501d\u051Bq\u051Dw"
            // Greek
            + "\u0391A\u0392B\u0395E\u0396Z\u0397H\u0399I\u039AK\u039CM\u039DN\u039FO\u03A1P\u03A4T\u03A5Y\u03A7X"
            + "\u03BFo\u03B9i\u03BDv\u03C1p\u03BAk\u03C5u"
            // other zeros, ones and full stops
            + "\u01C0l\u05C0l\u05D5l\u0627l\u07C0O\u0D20o\u10FFo\u2D54O\u30070\u00B7.\u3002.\uFF61.\u2024."
            // round letters and signs read as O: Latin Ø, Coptic Ⲟ, Armenian օ, small capital ᴏ, circles
            + "\u00D8O\u00F8o\u2C9EO\u2C9Fo\u0555O\u0585o\u1D0Fo\u25CBO\u25EFO\u26AAO"
            // letters that pass for a dash or a dot between digit groups: ー ㅡ ᅳ 一 ˑ
            + "\u30FC-\u3161-\u1173-\u4E00-\u02D1.\u02D0:"
            // other dots: ∙ ⋅ ‧ ᛫ ・ ꓸ
            + "\u2219.\u22C5.\u2027.\u16EB.\u30FB.\uA4F8.\u2709@"
            // signs read as a 0: empty sets ∅ ⦰, diameter ⌀, circled slash ⊘, ellipse ⬯
            + "\u2205O\u29B0O\u2300O\u2298O\u2B2FO"
            // rare letters shaped like digits: Tironian et ⁊ (7), ezh Ʒ ʒ Ӡ ӡ and yogh Ȝ ȝ (3), tone letters
            // Ƨ ƨ ƻ (2), Ƽ ƽ (5), Ƅ ƅ (6). Not the everyday Cyrillic З, Ч, б: "бо 20:15" is Ukrainian "because"
            + "\u204A7\u01B73\u02923\u04E03\u04E13\u021C3\u021D3\u01A72\u01A82\u01BB2\u01BC5\u01BD5\u01846\u01856"
            // APL alpha ⍺ and Latin alpha ɑ read as "@" (not circled ⓐ: whole words are written in circled letters)
            + "\u237A@\u0251@";

    private static final char[] FOLD = new char[0x10000];

    static {
        for (int i = 0; i < PAIRS.length(); i += 2) {
            FOLD[PAIRS.charAt(i)] = PAIRS.charAt(i + 1);
        }
    }

    private Lookalikes() {
    }

    /** {@link #fold} on every character of {@code text}. */
    static String foldAll(String text) {
        return text.codePoints().map(Lookalikes::fold).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                StringBuilder::append).toString();
    }

    /** The ASCII character {@code cp} passes for, or {@code cp} itself. */
    static int fold(int cp) {
        if (cp == 0x1F4E7 || cp == 0x1F4E8 || cp == 0x1F4E9 || cp == 0x1F130 || cp == 0x1F150 || cp == 0x1F170 || cp == 0x24B6
                || cp == 0x24D0) {
            return '@'; // the e-mail envelopes and the boxed and circled A (Ⓐ ⓐ too) read as "at": "sam 📧 example.org", "sam🅐example.org"
        }
        return cp < FOLD.length && FOLD[cp] != 0 ? FOLD[cp] : cp;
    }
}
