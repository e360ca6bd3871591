package org.stepcalls.privacy;

/**
 * Letters and numerals of other scripts that a reader cannot tell from Latin ones (Cyrillic О,
 * Greek Ι, the IDN full stop 。), folded to ASCII so that "077ОО" (Cyrillic О) is read as the
 * Latin "077OO" — and so as digits — and "ѕеvеn" as "seven". Characters NFKC already maps are
 * not listed.
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
            + "\u01C0l\u05C0l\u05D5l\u0627l\u07C0O\u0D20o\u10FFo\u2D54O\u30070\u00B7.\u3002.\uFF61.\u2024.";

    private static final char[] FOLD = new char[0x10000];

    static {
        for (int i = 0; i < PAIRS.length(); i += 2) {
            FOLD[PAIRS.charAt(i)] = PAIRS.charAt(i + 1);
        }
    }

    private Lookalikes() {
    }

    /** The ASCII character {@code cp} passes for, or {@code cp} itself. */
    static int fold(int cp) {
        return cp < FOLD.length && FOLD[cp] != 0 ? FOLD[cp] : cp;
    }
}
