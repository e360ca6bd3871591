package org.stepcalls.privacy;

/**
 * Characters a reader does not see: format characters (category Cf: joiners, soft hyphen,
 * direction marks, tag characters), combining marks, variation selectors and the blank
 * "letters" (Hangul fillers) that render as nothing. Dropped before numbers are looked for.
 */
final class Invisibles {

    private Invisibles() {
    }

    static boolean dropped(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 // Hangul fillers
                || cp == 0x034F || (cp >= 0x180B && cp <= 0x180F) || (cp >= 0xFE00 && cp <= 0xFE0F)
                || (cp >= 0xE0000 && cp <= 0xE0FFF) || cp == 0x2800; // braille blank renders as a space-width nothing
    }
}
