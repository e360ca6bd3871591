package org.stepcalls.forum.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import org.stepcalls.forum.ForumQueries.PostView;
import org.stepcalls.forum.ForumQueries.TopicView;
import org.stepcalls.forum.Flags;
import org.stepcalls.forum.Permissions;
import org.stepcalls.forum.Post;
import org.stepcalls.platform.security.CurrentUser;

/**
 * A post's like and flag buttons on the topic page ({@code inject:postActions}): a button is offered
 * only where the action would be accepted. The likes come with the posts ({@code PostView}).
 */
@RequestScoped
@Named("postActions")
public class PostActions {

    private final Flags flags;
    private final Permissions permissions;
    private final CurrentUser currentUser;

    PostActions(Flags flags, Permissions permissions, CurrentUser currentUser) {
        this.flags = flags;
        this.permissions = permissions;
        this.currentUser = currentUser;
    }

    /** A hidden post whose hiding is a flag's, until a coordinator reviews it (asked only of hidden posts: few). */
    public boolean awaitsReview(PostView post) {
        return post.hidden() && flags.hiddenPendingReview(post.id());
    }

    /** Like and flag are for someone else's visible plain post on a conversation board (Likes, Flags). */
    public boolean offered(TopicView topic, PostView post) {
        return currentUser.isSignedIn() && !post.authorUsername().equals(currentUser.username())
                && permissions.isConversation(topic.category()) && Post.TEXT.equals(post.kind()) && !post.hidden();
    }
}
