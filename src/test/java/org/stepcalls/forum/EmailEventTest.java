package org.stepcalls.forum;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which notification kinds are e-mailed as which setting — including kinds other features write. */
class EmailEventTest {

    @Test
    void theCallsBoardsKindsMapToTheirSettings() {
        assertThat(EmailEvent.forKind("call_overdue")).contains(EmailEvent.OVERDUE);
        assertThat(EmailEvent.forKind("call_nudge")).contains(EmailEvent.NUDGE);
        assertThat(EmailEvent.forKind("expiry_warning")).contains(EmailEvent.EXPIRY_WARNING);
        assertThat(EmailEvent.forKind("call_expiry_warning")).contains(EmailEvent.EXPIRY_WARNING);
    }

    @Test
    void theForumsKindsMapToTheirSettings() {
        assertThat(EmailEvent.forKind("reply")).contains(EmailEvent.REPLIES);
        assertThat(EmailEvent.forKind("mention")).contains(EmailEvent.MENTIONS);
        assertThat(EmailEvent.forKind("announcement")).contains(EmailEvent.ANNOUNCEMENTS);
    }

    @Test
    void anUnknownKindIsNeverEmailed() {
        assertThat(EmailEvent.forKind("like")).isEmpty();
        assertThat(EmailEvent.forKind("digest")).isEmpty(); // the digest is its own e-mail, not a notification
    }

    @Test
    void callEventsRepliesMentionsAndTheDigestAreOnByDefaultAnnouncementsOff() {
        assertThat(EmailEvent.values()).filteredOn(EmailEvent::onByDefault).containsExactly(EmailEvent.OVERDUE,
                EmailEvent.NUDGE, EmailEvent.EXPIRY_WARNING, EmailEvent.DIGEST, EmailEvent.REPLIES, EmailEvent.MENTIONS);
    }

    @Test
    void theJsonNamesAreTheContractsNames() {
        assertThat(java.util.Arrays.stream(EmailEvent.values()).map(EmailEvent::jsonName)).containsExactly("overdue",
                "nudge", "expiryWarning", "digest", "replies", "mentions", "announcements");
    }
}
