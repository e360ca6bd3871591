package org.stepcalls.forum;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.owasp.html.Encoding;

/**
 * The text a reader sees on a rendered post: the sanitised HTML without its tags, entities
 * decoded, a line break where a block ends; and apart from it the links' addresses (a reader
 * sees them on hover or when following them). Only for HTML our own renderer made.
 */
record VisibleText(String text, List<String> links) {

    private static final Set<String> BLOCKS = Set.of("p", "br", "hr", "pre", "blockquote", "ul", "ol", "li", "h1", "h2",
            "h3", "h4", "h5", "h6");
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");
    /** An ordered list's first number is shown as its first item's marker ("900123."). */
    private static final Pattern START = Pattern.compile("^ol\\s.*start=\"(\\d+)\"");

    static VisibleText of(String html) {
        StringBuilder text = new StringBuilder(html.length());
        List<String> links = new ArrayList<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            int close = c == '<' ? html.indexOf('>', i) : -1;
            if (close < 0) {
                text.append(c);
                i++;
                continue;
            }
            String tag = html.substring(i + 1, close);
            String name = tag.replaceFirst("^/", "").split("[\\s/]", 2)[0].toLowerCase(Locale.ROOT);
            if (BLOCKS.contains(name)) {
                text.append('\n');
            }
            Matcher start = START.matcher(tag);
            if (start.find()) {
                text.append(start.group(1)).append(". ");
            }
            Matcher href = HREF.matcher(tag);
            if (href.find()) {
                links.add(Encoding.decodeHtml(href.group(1), false));
            }
            i = close + 1;
        }
        return new VisibleText(Encoding.decodeHtml(text.toString(), false), links);
    }
}
