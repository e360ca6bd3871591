package org.stepcalls.privacy;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Records who did what to which ids. The action is one of a fixed set of names, so no free text
 * — and so no caller or member detail — can reach the audit table.
 */
@ApplicationScoped
public class AuditLog {

    /** Every action that is audited. */
    public enum Action {
        POST_HIDDEN, POST_UNHIDDEN, TOPIC_CLOSED, TOPIC_REOPENED, TOPIC_PINNED, TOPIC_UNPINNED,
        VOLUNTEER_ADDED, VOLUNTEER_UPDATED, VOLUNTEER_REMOVED, VOLUNTEER_JOINED, VOLUNTEER_LEFT, VOLUNTEERS_IMPORTED,
        /** A member joining the list gave a number already on it (the row names the entry): each such answer is kept. */
        VOLUNTEER_NUMBER_TAKEN,
        MEETING_CONTACT_REMOVED, CALLER_PHONE_REVEALED, CALL_NUDGED, ACCOUNT_DELETED,
        /** A coordinator added, changed or deleted a meeting (the detail says when its contact changed or went). */
        MEETING_ADDED, MEETING_UPDATED, MEETING_DELETED,
        /** A coordinator settled a task a call raised; the detail is how (clean_date_updated, kept_on_list …). */
        TASK_DONE,
        /** An epoch key destroyed by the purge; the detail is the epoch (R16, R19). */
        KEY_EPOCH_DESTROYED,
        /** A post flagged by a reader (the detail is the flag's reason code), and a coordinator's review of it. */
        POST_FLAGGED, FLAG_AGREED, FLAG_DISAGREED,
        /** An admin created or revoked an API key (the key's own row says which). */
        API_KEY_CREATED, API_KEY_REVOKED;

        public String code() {
            return name().toLowerCase();
        }

        /** As the audit page names it: "caller phone revealed". */
        public String label() {
            String words = code().replace('_', ' ');
            return Character.toUpperCase(words.charAt(0)) + words.substring(1);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(long actorId, Action action, Long topicId, Long postId) {
        persist(actorId, action, topicId, postId, null, null);
    }

    /**
     * An action on the 12th Step list. {@code detail} is a fixed code (a removal reason such as
     * {@code no_longer_eligible}), checked by the database to be lowercase words only.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordListChange(long actorId, Action action, Long volunteerId, String detail) {
        persist(actorId, action, null, null, volunteerId, detail);
    }

    /** A change to a meeting or its contact (R17); {@code detail} a fixed code such as {@code contact_removed}, or null. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordMeetingChange(long actorId, Action action, long meetingId, String detail) {
        AuditEntry entry = entry(actorId, action, null, null, null, detail);
        entry.meetingId = meetingId;
        entry.persist();
    }

    /** The purge destroyed an epoch's key; {@code actorId} is null when the schedule ran it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordEpochDestroyed(Long actorId, KeyEpoch epoch) {
        persist(actorId, Action.KEY_EPOCH_DESTROYED, null, null, null, epoch.name());
    }

    /** A flag on a post; {@code reason} is one of the fixed flag codes such as {@code personal_details}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordFlag(long actorId, Action action, long topicId, long postId, String reason) {
        persist(actorId, action, topicId, postId, null, reason);
    }

    private void persist(Long actorId, Action action, Long topicId, Long postId, Long volunteerId, String detail) {
        entry(actorId, action, topicId, postId, volunteerId, detail).persist();
    }

    private static AuditEntry entry(Long actorId, Action action, Long topicId, Long postId, Long volunteerId, String detail) {
        AuditEntry entry = new AuditEntry();
        entry.at = OffsetDateTime.now();
        entry.actorId = actorId;
        entry.action = action.code();
        entry.topicId = topicId;
        entry.postId = postId;
        entry.volunteerId = volunteerId;
        entry.detail = detail;
        return entry;
    }
}
