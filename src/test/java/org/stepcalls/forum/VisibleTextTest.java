package org.stepcalls.forum;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The safety net reads a post as the reader's browser shows it (R16). */
class VisibleTextTest {

    @Test
    void tagsGoEntitiesAreDecodedAndLinksAreReadApart() {
        VisibleText visible = VisibleText.of("<p>Ring 07700<em>900</em>123 &lt;b&gt;&#64;</p><ul><li>one</li><li>two</li></ul>"
                + "<p><a href=\"mailto:sam&#64;example.org\" rel=\"nofollow\">Sam</a></p>");
        assertThat(visible.text()).contains("Ring 07700900123 <b>@").contains("one\n").contains("two");
        assertThat(visible.text()).doesNotContain("mailto");
        assertThat(visible.links()).containsExactly("mailto:sam@example.org");
    }

    @Test
    void anOrderedListShowsItsFirstNumber() {
        assertThat(VisibleText.of("<p>Ring 07700</p><ol start=\"900123\"><li>x</li></ol>").text()).contains("900123. ");
    }
}
