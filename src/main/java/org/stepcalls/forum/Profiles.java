package org.stepcalls.forum;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.stepcalls.platform.security.Account;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;

/**
 * A person's public page: name, username, when they joined, and their posts in the conversation
 * boards the viewer may read. Nothing of the calls board or the 12th Step list — not even a
 * count that would include a call post.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Profiles {

    public static final int RECENT = 10;
    static final int EXCERPT = 200;

    public record RecentPost(long postId, long topicId, String topicTitle, String category, OffsetDateTime createdAt,
            String excerpt) {
    }

    public record Profile(String username, String name, OffsetDateTime joinedAt, long postsCount,
            List<RecentPost> recentPosts, boolean mine, boolean canChangeUsername) {
    }

    private final Permissions permissions;
    private final Usernames usernames;
    private final EntityManager entityManager;

    Profiles(Permissions permissions, Usernames usernames, EntityManager entityManager) {
        this.permissions = permissions;
        this.usernames = usernames;
        this.entityManager = entityManager;
    }

    public Profile of(Viewer viewer, String username) {
        if (!permissions.canSeeProfiles(viewer)) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        Account account = usernames.find(username);
        if (account == null) {
            throw ApiException.notFound();
        }
        Long[] boards = permissions.readableCategories(viewer).stream().filter(permissions::isConversation)
                .map(c -> c.id).toArray(Long[]::new);
        long count = boards.length == 0 ? 0 : entityManager.createQuery("""
                select count(p) from Post p where p.author.id = :author and p.hidden = false
                and array_contains(:boards, p.topic.category.id)""", Long.class)
                .setParameter("author", account.id).setParameter("boards", boards).getSingleResult();
        List<RecentPost> recent = boards.length == 0 ? List.of() : entityManager.createQuery("""
                select p from Post p join fetch p.topic t join fetch t.category where p.author.id = :author
                and p.hidden = false and array_contains(:boards, t.category.id) order by p.createdAt desc, p.id desc""",
                Post.class).setParameter("author", account.id).setParameter("boards", boards).setMaxResults(RECENT)
                .getResultList().stream().map(Profiles::recent).toList();
        boolean mine = viewer.is(account.id);
        return new Profile(account.username, account.displayName, account.createdAt, count, recent, mine,
                mine && !account.usernameChanged);
    }

    private static RecentPost recent(Post post) {
        String body = post.body().strip();
        int end = body.offsetByCodePoints(0, Math.min(EXCERPT, body.codePointCount(0, body.length())));
        String excerpt = end < body.length() ? body.substring(0, end) + "…" : body;
        return new RecentPost(post.id, post.topic.id, post.topic.title(), post.topic.category.slug, post.createdAt,
                excerpt);
    }
}
