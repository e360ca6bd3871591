package org.stepcalls.forum;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.stepcalls.privacy.RedactedText;

/**
 * Markdown to HTML, on write. Raw HTML in the source is escaped by the Markdown renderer and the
 * result is then sanitised against an allow-list, so a post can never carry script, event
 * handlers, styles or links other than http, https and mailto.
 */
@ApplicationScoped
public class MarkdownRenderer {

    private static final List<Extension> EXTENSIONS = List.of(AutolinkExtension.create(), StrikethroughExtension.create());

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "hr", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li",
                    "h1", "h2", "h3", "h4", "h5", "h6", "a")
            .allowAttributes("start").matching(Pattern.compile("\\d{1,6}")).onElements("ol")
            .allowAttributes("href").onElements("a")
            .allowUrlProtocols("http", "https", "mailto")
            .requireRelsOnLinks("nofollow", "noopener")
            .toFactory();

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true)
            .sanitizeUrls(true).build();

    public RenderedMarkdown render(RedactedText markdown) {
        return render(markdown, document -> {
        });
    }

    /** With a change to the parsed document before it is rendered (mentions become links), then sanitised as ever. */
    RenderedMarkdown render(RedactedText markdown, Consumer<Node> beforeRendering) {
        Node document = parser.parse(markdown.text());
        beforeRendering.accept(document);
        return new RenderedMarkdown(markdown, POLICY.sanitize(renderer.render(document)));
    }
}
