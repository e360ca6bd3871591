package org.stepcalls.forum;

import org.stepcalls.privacy.RedactedText;

/** Redacted Markdown and the sanitised HTML made from it; only {@link MarkdownRenderer} makes one. */
public final class RenderedMarkdown {

    private final RedactedText source;
    private final String html;

    RenderedMarkdown(RedactedText source, String html) {
        this.source = source;
        this.html = html;
    }

    public RedactedText source() {
        return source;
    }

    public String html() {
        return html;
    }
}
