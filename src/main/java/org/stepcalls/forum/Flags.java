package org.stepcalls.forum;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.stepcalls.platform.mail.MailOutbox;
import org.stepcalls.platform.security.Account;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.privacy.AuditLog;
import org.stepcalls.privacy.AuditLog.Action;
import org.stepcalls.privacy.RedactedText;
import org.stepcalls.privacy.Redactor;

/**
 * Readers flag posts for the coordinators' review queue. A post flagged as showing personal
 * details is hidden at once, before anyone else reads more of it. On the calls board only that
 * reason is taken, on advice replies only: a templated record is never hidden (R12), and an
 * off-topic or "other" flag there would only carry talk of a call further.
 */
@ApplicationScoped
@Transactional
public class Flags {

    public static final int MAX_NOTE = 200;
    public static final String ALREADY_FLAGGED = "already_flagged";
    public static final String NOT_HERE = "flag_reason_not_here";
    /** What readers see on a post hidden by a flag, until a coordinator reviews it. */
    static final String PENDING_REASON = "Flagged as showing personal details; hidden until a coordinator reviews it.";

    /** Why a post is flagged (Discourse's flag types that fit a helpline). */
    public enum Reason {
        OFF_TOPIC("Off topic"), INAPPROPRIATE("Inappropriate"), PERSONAL_DETAILS("Shows personal details"),
        OTHER("Something else");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String code() {
            return name().toLowerCase();
        }

        public String label() {
            return label;
        }

        public static Optional<Reason> of(String code) {
            return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
        }
    }

    /** A new flag: its id and whether it hid the post. */
    public record Flagged(long id, boolean hidden) {
    }

    private final Permissions permissions;
    private final Redactor redactor;
    private final AuditLog audit;
    private final EntityManager entityManager;
    private final MailOutbox outbox;

    Flags(Permissions permissions, Redactor redactor, AuditLog audit, EntityManager entityManager, MailOutbox outbox) {
        this.permissions = permissions;
        this.redactor = redactor;
        this.audit = audit;
        this.entityManager = entityManager;
        this.outbox = outbox;
    }

    public Flagged flag(Viewer viewer, long postId, String reasonCode, String rawNote) {
        Post post = entityManager.find(Post.class, postId, LockModeType.PESSIMISTIC_WRITE);
        if (post == null || !permissions.canRead(viewer, post.topic)) {
            throw ApiException.notFound();
        }
        if (!permissions.canFlag(viewer, post)) {
            throw ApiException.forbidden("You cannot flag your own post; edit it instead.");
        }
        Reason reason = Reason.of(reasonCode).orElseThrow(() -> ApiException.invalidField("reason",
                "Choose why: off_topic, inappropriate, personal_details or other."));
        ForumService.refuseRecord(post);
        if (!permissions.isConversation(permissions.categoryOf(post.topic)) && reason != Reason.PERSONAL_DETAILS) {
            throw ApiException.conflict(NOT_HERE, "On the 12th Step Calls board a reply can be flagged only for "
                    + "showing personal details.");
        }
        if (post.hidden && !permissions.canSeeHiddenContent(viewer, post)) {
            throw ApiException.conflict(Likes.POST_HIDDEN, "This post is already hidden.");
        }
        RedactedText note = note(reason, rawNote);
        if (Flag.count("post = ?1 and flagger.id = ?2 and status = ?3", post, viewer.accountId(), Flag.OPEN) > 0) {
            throw ApiException.conflict(ALREADY_FLAGGED, "You have already flagged this post; a coordinator will review it.");
        }
        Flag flag = new Flag();
        flag.post = post;
        flag.flagger = entityManager.getReference(Account.class, viewer.accountId());
        flag.reason = reason.code();
        flag.note = note == null ? null : note.text();
        flag.createdAt = OffsetDateTime.now();
        if (reason == Reason.PERSONAL_DETAILS && !post.hidden) {
            post.hide(redactor.redact(PENDING_REASON));
            outbox.withdraw(post.id); // its queued e-mails may quote the personal details
            flag.hidPost = true;
        }
        flag.persist();
        audit.recordFlag(viewer.accountId(), Action.POST_FLAGGED, post.topic.id, post.id, reason.code());
        return new Flagged(flag.id, post.hidden);
    }

    /** Whether a flag hid this post and waits for review, so pages do not say a coordinator hid it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean hiddenPendingReview(long postId) {
        return Flag.count("post.id = ?1 and hidPost = true and status = ?2", postId, Flag.OPEN) > 0;
    }

    /** "Other" needs a short reason; the others may have one. Redacted, and refused if it still shows a number. */
    private RedactedText note(Reason reason, String rawNote) {
        if (rawNote == null || rawNote.isBlank()) {
            if (reason == Reason.OTHER) {
                throw ApiException.invalidField("note", "Say in a few words what is wrong with the post.");
            }
            return null;
        }
        RedactedText note = redactor.redact(ForumService.required("note", "note", rawNote, MAX_NOTE));
        if (redactor.showsContactDetails(note.text())) {
            throw ApiException.invalidField("note", ForumService.CONTACT_DETAILS, ForumService.CONTACT_DETAILS_MESSAGE);
        }
        return note;
    }
}
