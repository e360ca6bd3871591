package org.stepcalls.forum;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.stepcalls.platform.security.Account;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.privacy.AuditLog;
import org.stepcalls.privacy.AuditLog.Action;

/**
 * The coordinators' review queue: open flags, oldest first, on posts of boards the reviewer
 * moderates. Agreeing hides the post with the reviewer's reason; disagreeing keeps it visible,
 * restoring it if a flag hid it. Either closes every open flag on that post (they are one review)
 * and is audited with ids and the decision only.
 */
@ApplicationScoped
@Transactional
public class ReviewQueue {

    public static final String REVIEWED = "flag_reviewed";
    public static final int MAX_ITEMS = 100;

    /**
     * An open flag with what a reviewer needs to decide; the post's text as moderators see it.
     * {@code editedSinceFlagged}: the text flagged is among the post's earlier versions, not this one.
     */
    public record Item(long flagId, String reason, String reasonLabel, String note, OffsetDateTime flaggedAt,
            String flaggerUsername, long postId, long topicId, String topicTitle, String authorName,
            String authorUsername, String postHtml, boolean postHidden, boolean editedSinceFlagged) {
    }

    private final Permissions permissions;
    private final ForumService forum;
    private final AuditLog audit;
    private final EntityManager entityManager;

    ReviewQueue(Permissions permissions, ForumService forum, AuditLog audit, EntityManager entityManager) {
        this.permissions = permissions;
        this.forum = forum;
        this.audit = audit;
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Item> open(Viewer viewer) {
        requireReviewer(viewer);
        List<Flag> flags = Flag.find("select f from Flag f join fetch f.post p join fetch p.topic join fetch p.author "
                + "join fetch f.flagger where f.status = ?1 order by f.createdAt, f.id", Flag.OPEN).page(0, MAX_ITEMS).list();
        return flags.stream().filter(f -> permissions.canReview(viewer, f.post)).map(ReviewQueue::item).toList();
    }

    /** The reviewer agrees: the post is hidden with their reason (redacted, as any hide reason). */
    public void agree(Viewer viewer, long flagId, String reason) {
        Flag flag = reviewable(viewer, flagId);
        forum.hide(viewer, flag.post.id, reason); // redacted, refused if still showing a number, audited
        close(viewer, flag, Flag.AGREED);
        audit.recordFlag(viewer.accountId(), Action.FLAG_AGREED, flag.post.topic.id, flag.post.id, flag.reason);
    }

    /** The reviewer disagrees: the post stays, and is shown again if a flag hid it. */
    public void disagree(Viewer viewer, long flagId) {
        Flag flag = reviewable(viewer, flagId);
        List<Flag> closed = close(viewer, flag, Flag.DISAGREED);
        if (flag.post.hidden && closed.stream().anyMatch(f -> f.hidPost)) {
            flag.post.unhide();
        }
        audit.recordFlag(viewer.accountId(), Action.FLAG_DISAGREED, flag.post.topic.id, flag.post.id, flag.reason);
    }

    private List<Flag> close(Viewer viewer, Flag flag, String decision) {
        List<Flag> open = Flag.list("post = ?1 and status = ?2", flag.post, Flag.OPEN);
        OffsetDateTime now = OffsetDateTime.now();
        for (Flag each : open) {
            each.status = decision;
            each.reviewer = entityManager.getReference(Account.class, viewer.accountId());
            each.reviewedAt = now;
        }
        return open;
    }

    private Flag reviewable(Viewer viewer, long flagId) {
        requireReviewer(viewer);
        Flag flag = entityManager.find(Flag.class, flagId, LockModeType.PESSIMISTIC_WRITE);
        if (flag == null || !permissions.canRead(viewer, flag.post.topic)) {
            throw ApiException.notFound();
        }
        if (!permissions.canReview(viewer, flag.post)) {
            throw ApiException.forbidden("Only coordinators review flags.");
        }
        if (!flag.isOpen()) {
            throw ApiException.conflict(REVIEWED, "This flag has already been reviewed.");
        }
        return flag;
    }

    private void requireReviewer(Viewer viewer) {
        if (!viewer.isSignedIn()) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        if (!permissions.canReviewFlags(viewer)) {
            throw ApiException.forbidden("Only coordinators review flags.");
        }
    }

    private static Item item(Flag flag) {
        Post post = flag.post;
        String label = Flags.Reason.of(flag.reason).map(Flags.Reason::label).orElse(flag.reason);
        return new Item(flag.id, flag.reason, label, flag.note, flag.createdAt, flag.flagger.username, post.id,
                post.topic.id, post.topic.title(), post.author.displayName, post.author.username, post.html(), post.hidden,
                post.editedAt != null && post.editedAt.isAfter(flag.createdAt));
    }
}
