package org.stepcalls.forum.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.stepcalls.forum.Flags;
import org.stepcalls.forum.ForumQueries.PostView;

/**
 * What a hidden post's notice says ({@code inject:postActions}) on the topic and call pages. Whether
 * Like and Flag are offered comes with the post ({@code PostView.likeOffered}).
 */
@ApplicationScoped
@Named("postActions")
public class PostActions {

    private final Flags flags;

    PostActions(Flags flags) {
        this.flags = flags;
    }

    /** A hidden post whose hiding is a flag's, until a coordinator reviews it (asked only of hidden posts: few). */
    public boolean awaitsReview(PostView post) {
        return post.hidden() && flags.hiddenPendingReview(post.id());
    }
}
