package org.stepcalls.forum;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.stepcalls.platform.mail.MailOutbox;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;

/**
 * An author deletes their own reply: its text and every earlier version are erased, and "deleted
 * by its author" keeps its place in the thread. Not a topic's first post (the topic hangs on it;
 * Discourse refuses it too once others have replied — edit it instead), not a call's records (R12).
 */
@ApplicationScoped
@Transactional
public class PostDeletion {

    public static final String FIRST_POST = "first_post";
    public static final String POST_DELETED = "post_deleted";

    private final Permissions permissions;
    private final MailOutbox outbox;

    PostDeletion(Permissions permissions, MailOutbox outbox) {
        this.permissions = permissions;
        this.outbox = outbox;
    }

    public void deleteOwn(Viewer viewer, long postId) {
        Post post = Post.findById(postId);
        if (post == null || !permissions.canRead(viewer, post.topic)) {
            throw ApiException.notFound();
        }
        ForumService.refuseRecord(post);
        if (!permissions.canEdit(viewer, post)) {
            throw ApiException.forbidden("Only the author of a post can delete it.");
        }
        if (post.isDeleted()) {
            return;
        }
        if (post.postNumber == 1) {
            throw ApiException.conflict(FIRST_POST, "The first post carries its topic and the replies to it, so it "
                    + "cannot be deleted; edit it instead, or ask a coordinator to hide it.");
        }
        PostRevision.delete("post", post);
        post.erase(OffsetDateTime.now());
        outbox.withdraw(post.id); // a queued e-mail may quote what its author took back
    }

    /** Whether the page offers the Delete button: the same rules as {@link #deleteOwn}, without a query. */
    static boolean allowed(boolean mayEdit, String kind, boolean deleted, int postNumber) {
        return mayEdit && !Post.isRecord(kind) && !deleted && postNumber > 1;
    }

    /** Editing a deleted post would bring text back under "deleted by its author". */
    static void refuseDeleted(Post post) {
        if (post.isDeleted()) {
            throw ApiException.conflict(POST_DELETED, "This post was deleted by its author; it cannot be edited.");
        }
    }
}
