package org.stepcalls.forum;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;

/** One like per person per post, as Discourse: never one's own post, a hidden one, a record or on the calls board. */
@ApplicationScoped
@Transactional
public class Likes {

    public static final String NOT_HERE = "no_likes_here";
    public static final String POST_HIDDEN = "post_hidden";

    /** A post's likes as a viewer sees them. */
    public record State(long likes, boolean liked) {
    }

    private final Permissions permissions;
    private final EntityManager entityManager;

    Likes(Permissions permissions, EntityManager entityManager) {
        this.permissions = permissions;
        this.entityManager = entityManager;
    }

    public State like(Viewer viewer, long postId) {
        Post post = likeable(viewer, postId);
        entityManager.createNativeQuery("""
                INSERT INTO post_likes (post_id, account_id, created_at) VALUES (?1, ?2, ?3)
                ON CONFLICT DO NOTHING""")
                .setParameter(1, post.id).setParameter(2, viewer.accountId()).setParameter(3, OffsetDateTime.now())
                .executeUpdate();
        return state(viewer, post.id);
    }

    public State unlike(Viewer viewer, long postId) {
        Post post = readable(viewer, postId);
        entityManager.createNativeQuery("DELETE FROM post_likes WHERE post_id = ?1 AND account_id = ?2")
                .setParameter(1, post.id).setParameter(2, viewer.accountId()).executeUpdate();
        return state(viewer, post.id);
    }

    /** Whether the like button belongs on a post (read as a row) for this viewer: the same checks as {@link #like}. */
    public boolean offered(Viewer viewer, Category category, long authorId, String kind, boolean hidden) {
        return permissions.canLike(viewer, category, authorId) && permissions.isConversation(category) && !Post.isRecord(kind)
                && !hidden;
    }

    private State state(Viewer viewer, long postId) {
        Object[] row = (Object[]) entityManager.createNativeQuery(
                "SELECT count(*), coalesce(bool_or(account_id = ?1), false) FROM post_likes WHERE post_id = ?2")
                .setParameter(1, viewer.accountId()).setParameter(2, postId).getSingleResult();
        return new State(((Number) row[0]).longValue(), (Boolean) row[1]);
    }

    private Post likeable(Viewer viewer, long postId) {
        Post post = readable(viewer, postId);
        if (!permissions.canLike(viewer, post)) {
            throw ApiException.forbidden("You cannot like your own post.");
        }
        if (!permissions.isConversation(permissions.categoryOf(post.topic)) || post.isRecord()) {
            throw ApiException.conflict(NOT_HERE, "Posts on the 12th Step Calls board and templated records take no likes.");
        }
        if (post.hidden) {
            throw ApiException.conflict(POST_HIDDEN, "This post is hidden; it takes no likes.");
        }
        return post;
    }

    private Post readable(Viewer viewer, long postId) {
        Post post = Post.findById(postId);
        if (post == null || !permissions.canRead(viewer, post.topic)) {
            throw ApiException.notFound();
        }
        return post;
    }
}
