package org.stepcalls.forum;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.stepcalls.privacy.Redactor;

/** User Markdown becomes inert HTML: no script, no handlers, no dangerous links. */
class MarkdownRendererTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();
    private final Redactor redactor = new Redactor();

    @ParameterizedTest
    @ValueSource(strings = {
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[click](vbscript:msgbox(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<svg onload=alert(1)><circle r=1 /></svg>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "![x](javascript:alert(1))",
            "![x](https://evil.example/pixel.gif)",
            "[x](\"onmouseover=alert(1))",
            "<p onclick=alert(1)>hi</p>",
            "**<script>**alert(1)**</script>**",
            "> <script>alert(1)</script>",
            "* [a](javascript&#58;alert(1))",
            "<form action=https://evil.example><input name=x></form>",
            "<object data=x></object><embed src=x>",
            "`<script>` and <math><mtext><script>alert(1)</script>",
            "<<script>script>alert(1)<</script>/script>",
            "[a](&#x6A;avascript:alert(1))",
    })
    void hostileMarkupIsRenderedInert(String markdown) {
        String html = renderer.render(redactor.redact(markdown)).html();
        Document doc = Jsoup.parseBodyFragment(html);
        assertThat(doc.select("script, iframe, svg, math, object, embed, form, input, img, style")).isEmpty();
        for (Element element : doc.getAllElements()) {
            element.attributes().forEach(attribute -> {
                assertThat(attribute.getKey()).doesNotStartWith("on").isNotEqualTo("style").isNotEqualTo("src");
                if (attribute.getKey().equals("href") && attribute.getValue().matches("(?is)^\\s*[a-z][a-z0-9+.\\-]*:.*")) {
                    // a link with a scheme may only use a safe one; relative links stay on this site
                    assertThat(attribute.getValue()).matches("(?i)^(https?:|mailto:).*");
                }
            });
        }
    }

    @Test
    void ordinaryMarkdownKeepsItsFormattingAndSafeLinks() {
        String html = renderer.render(redactor.redact(
                "**Bold**, _em_, ~~gone~~\n\n* one\n* two\n\n> quote\n\n[NA](https://na.org.uk) https://example.org/x"))
                .html();
        Document doc = Jsoup.parseBodyFragment(html);
        assertThat(doc.select("strong").text()).isEqualTo("Bold");
        assertThat(doc.select("em")).hasSize(1);
        assertThat(doc.select("del")).hasSize(1);
        assertThat(doc.select("li")).hasSize(2);
        assertThat(doc.select("blockquote")).hasSize(1);
        assertThat(doc.select("a")).hasSize(2);
        assertThat(doc.select("a").first().attr("href")).isEqualTo("https://na.org.uk");
        assertThat(doc.select("a").first().attr("rel")).contains("nofollow").contains("noopener");
    }

    @Test
    void rawHtmlIsShownAsTextNotInterpreted() {
        String html = renderer.render(redactor.redact("Use <b>bold</b> like this")).html();
        assertThat(Jsoup.parseBodyFragment(html).select("b")).isEmpty();
        assertThat(Jsoup.parseBodyFragment(html).text()).contains("<b>bold</b>");
    }
}
