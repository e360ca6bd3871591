package org.stepcalls.forum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;
import org.stepcalls.privacy.Redactor;

/** Mentions survive the redactor, and an address is never read as a mention. */
class MentionsTextTest {

    private final Redactor redactor = new Redactor();
    private final Usernames usernames = new Usernames(redactor, null); // text only: no account is changed here

    @Test
    void aMentionIsNotAnAddressToTheRedactor() {
        for (String text : new String[] { "Thanks @helen, see you Tuesday.", "@mia_two and @sam.k agree", "sam @helen said" }) {
            assertThat(redactor.redact(text).text()).isEqualTo(text);
        }
    }

    @Test
    void anAddressOrAWordWithAnAtSignIsNoMention() {
        assertThat(mention("write to sam@example.org")).isNull();
        assertThat(mention("thanks @helen.")).isEqualTo("helen");
        assertThat(mention("(@jo_b)")).isEqualTo("jo_b");
    }

    @Test
    void aUsernameSpellingOutAnAddressShowsContactDetails() { // R16
        assertThat(usernames.showsContactDetails("jo_at_hollin_dot_org")).isTrue();
        assertThat(usernames.showsContactDetails("odile_hollin")).isFalse();
    }

    private static String mention(String text) {
        Matcher matcher = Mentions.MENTION.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }
}
