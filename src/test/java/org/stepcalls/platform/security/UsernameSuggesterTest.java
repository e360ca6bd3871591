package org.stepcalls.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class UsernameSuggesterTest {

    private static final UsernamePolicy NOTHING_SHOWN = candidate -> false;

    @Test
    void aNameBecomesLowerCaseWithoutAccentsOrSpaces() {
        assertThat(UsernameSuggester.base("Zoë Saint-Clair", NOTHING_SHOWN)).isEqualTo("zoe_saint-clair");
        assertThat(UsernameSuggester.base("  Émile  ", NOTHING_SHOWN)).isEqualTo("emile");
    }

    @Test
    void anAddressGivesItsLocalPartOnly() {
        assertThat(UsernameSuggester.base("wilfred.okoro@example.org", NOTHING_SHOWN)).isEqualTo("wilfred.okoro");
    }

    @Test
    void digitsEnoughToBePartOfANumberAreDropped() { // R16
        assertThat(UsernameSuggester.base("sam 07700 900123", NOTHING_SHOWN)).isEqualTo("sam");
        assertThat(UsernameSuggester.base("bob42", NOTHING_SHOWN)).isEqualTo("bob42");
        assertThat(UsernameSuggester.base("07700900123", NOTHING_SHOWN)).isEqualTo("member");
    }

    @Test
    void tooLittleLeftOrShowingContactDetailsFallsBackToMember() {
        assertThat(UsernameSuggester.base("Jo", NOTHING_SHOWN)).isEqualTo("member");
        assertThat(UsernameSuggester.base("Мария", NOTHING_SHOWN)).isEqualTo("member");
        assertThat(UsernameSuggester.base("anything", candidate -> true)).isEqualTo("member");
    }

    @Test
    void longNamesLeaveRoomForANumber() {
        String base = UsernameSuggester.base("Bartholomew Fitzwilliam-Smythe", NOTHING_SHOWN);
        assertThat(base).hasSizeLessThanOrEqualTo(15);
        assertThat(UsernameSuggester.wellFormed(base + "99999")).isTrue();
    }

    @Test
    void theFirstFreeNameIsTakenCaseInsensitively() {
        assertThat(UsernameSuggester.firstFree("helen", Set.of())).isEqualTo("helen");
        assertThat(UsernameSuggester.firstFree("helen", Set.of("helen", "helen1"))).isEqualTo("helen2");
    }

    @Test
    void aUsernameHasAtMostSixDigitsSoNoPhoneNumberFits() { // R16
        assertThat(UsernameSuggester.wellFormed("helen123456")).isTrue();
        assertThat(UsernameSuggester.wellFormed("h07700900123")).isFalse();
        assertThat(UsernameSuggester.wellFormed("-helen")).isFalse();
        assertThat(UsernameSuggester.wellFormed("he")).isFalse();
        assertThat(UsernameSuggester.wellFormed("helen@example")).isFalse();
    }

    @Test
    void anErasedAccountsNameIsNeverGivenToALivingOne() {
        assertThat(UsernameSuggester.wellFormed("former_7")).isFalse();
        assertThat(UsernameSuggester.wellFormed("Former_12")).isFalse();
        assertThat(UsernameSuggester.base("former_7", NOTHING_SHOWN)).isEqualTo("member");
        assertThat(UsernameSuggester.wellFormed("formerly")).isTrue();
    }
}
