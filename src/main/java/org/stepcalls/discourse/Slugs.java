package org.stepcalls.discourse;

import java.text.Normalizer;
import java.util.Locale;

/** Discourse's topic slugs: lower-case words joined by '-', "topic" when nothing is left. */
public final class Slugs {

    private Slugs() {
    }

    public static String of(String title) {
        String plain = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 80) {
            slug = slug.substring(0, 80).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "topic" : slug;
    }
}
