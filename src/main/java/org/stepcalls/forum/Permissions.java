package org.stepcalls.forum;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.stepcalls.platform.database.CachedTable;
import org.stepcalls.platform.database.TableChanges;
import org.stepcalls.platform.security.Role;
import org.stepcalls.platform.security.Viewer;

/**
 * The one answer to "may this person do this to that?" (Discourse's Guardian). Pages, the JSON
 * API and list queries all ask here; nothing else decides.
 */
@ApplicationScoped
public class Permissions {

    private final CachedTable<List<Category>> categories;

    Permissions(TableChanges tableChanges) {
        this.categories = tableChanges.cache("categories");
    }

    public boolean canRead(Viewer viewer, Category category) {
        return viewer.isSignedIn() && viewer.hasAny(category.readers());
    }

    public boolean canPostIn(Viewer viewer, Category category) {
        return canRead(viewer, category) && viewer.hasAny(category.posters()) && writesHere(viewer, category);
    }

    /** An API key reads a feature's board (the calls board) as its person would, but never writes on it. */
    public boolean writesHere(Viewer viewer, Category category) {
        return !(viewer.viaApiKey() && category.topicsByFeatureOnly);
    }

    /** Whether the plain new-topic form may be used here (the calls board has its own form). */
    public boolean canCreateTopicIn(Viewer viewer, Category category) {
        return canPostIn(viewer, category) && !category.topicsByFeatureOnly;
    }

    public boolean canRead(Viewer viewer, Topic topic) {
        return canRead(viewer, categoryOf(topic));
    }

    /** Permission only; a closed topic is refused separately, as a conflict of state. */
    public boolean canReply(Viewer viewer, Topic topic) {
        return canPostIn(viewer, categoryOf(topic));
    }

    public boolean canEdit(Viewer viewer, Post post) {
        return canEdit(viewer, categoryOf(post.topic), post.author.id);
    }

    /** The same rule for a post read as a plain row: its topic's category and its author. */
    public boolean canEdit(Viewer viewer, Category category, long authorId) {
        return canRead(viewer, category) && viewer.is(authorId) && writesHere(viewer, category);
    }

    /** Moderating is done signed in: a key (any admin's, naming anyone) would otherwise unhide what a flag hid. */
    public boolean canModerate(Viewer viewer, Category category) {
        return canRead(viewer, category) && viewer.has(Role.COORDINATOR) && !viewer.viaApiKey();
    }

    /**
     * Closing, reopening and pinning: not where the feature owning the category closes its topics
     * itself (R15: a call is closed by its opener, with its outcome). Unpinning stays a moderator's.
     */
    public boolean canCloseOrPin(Viewer viewer, Category category) {
        return canModerate(viewer, category) && !category.closesOwnTopics();
    }

    /** Hidden posts stay readable to moderators and to their author. */
    public boolean canSeeHiddenContent(Viewer viewer, Post post) {
        return canSeeHiddenContent(viewer, categoryOf(post.topic), post.author.id);
    }

    /** The same rule for a post read as a plain row. */
    public boolean canSeeHiddenContent(Viewer viewer, Category category, long authorId) {
        return canModerate(viewer, category) || viewer.is(authorId);
    }

    /** Volunteers' and meeting contacts' numbers, always shown with the R4 warning. */
    public boolean canSeeContactNumbers(Viewer viewer) {
        return viewer.isSignedIn() && (viewer.has(Role.HELPLINER) || viewer.has(Role.COORDINATOR));
    }

    /** The contacts finder: who near a caller can help (R5, R6, R8). */
    public boolean canFindContacts(Viewer viewer) {
        return canSeeContactNumbers(viewer);
    }

    /** Adding, changing, importing and removing entries of the 12th Step list; meetings too (R17). */
    public boolean canManageList(Viewer viewer) {
        return viewer.isSignedIn() && viewer.has(Role.COORDINATOR);
    }

    public boolean canManageAreas(Viewer viewer) {
        return viewer.isSignedIn() && (viewer.has(Role.COORDINATOR) || viewer.has(Role.ADMIN));
    }

    /** Joining or leaving the list oneself (R13). Every NA member may; helpliners and coordinators are members too. */
    public boolean canJoinList(Viewer viewer) {
        return viewer.isSignedIn() && viewer.hasAny(List.of(Role.MEMBER, Role.HELPLINER, Role.COORDINATOR));
    }

    /** R1–R3 intake: helpliners open 12th Step calls. */
    public boolean canOpenCall(Viewer viewer) {
        return viewer.isSignedIn() && viewer.has(Role.HELPLINER);
    }

    /**
     * R15: only the opener logs a call's templated posts, sees the caller's number and closes it.
     * There is no hand-over, so no role grants this.
     */
    public boolean isOpener(Viewer viewer, Topic topic) {
        return canRead(viewer, topic) && viewer.is(topic.opener.id);
    }

    /**
     * Likes and mentions belong to conversation. A board whose topics a feature keeps as its own
     * working records (the calls board) has neither: a like or a notification there would only
     * spread word of a call.
     */
    public boolean isConversation(Category category) {
        return !category.topicsByFeatureOnly;
    }

    /** Any reader likes someone else's post (as Discourse, never one's own); where it may is the post's state. */
    public boolean canLike(Viewer viewer, Post post) {
        return canLike(viewer, categoryOf(post.topic), post.author.id);
    }

    /** The same rule for a post read as a plain row. */
    public boolean canLike(Viewer viewer, Category category, long authorId) {
        return canRead(viewer, category) && !viewer.is(authorId) && writesHere(viewer, category);
    }

    /** Any reader flags someone else's post; which reasons a board takes is the post's state. */
    public boolean canFlag(Viewer viewer, Post post) {
        return canRead(viewer, post.topic) && !viewer.is(post.author.id) && writesHere(viewer, categoryOf(post.topic));
    }

    /** The review queue: the moderators of each flagged post's board, signed in, and nobody else. */
    public boolean canReviewFlags(Viewer viewer) {
        return viewer.isSignedIn() && viewer.has(Role.COORDINATOR) && !viewer.viaApiKey();
    }

    public boolean canReview(Viewer viewer, Post post) {
        return canReviewFlags(viewer) && canModerate(viewer, categoryOf(post.topic));
    }

    /** Profiles: any signed-in person; what a profile shows is still only what the viewer may read. */
    public boolean canSeeProfiles(Viewer viewer) {
        return viewer.isSignedIn();
    }

    /** The categories a list query may draw from: the same rule as {@link #canRead(Viewer, Category)}. */
    public List<Category> readableCategories(Viewer viewer) {
        return allCategories().stream().filter(category -> canRead(viewer, category)).toList();
    }

    /**
     * A topic's category from the cache (detached, read-only): loading it through the topic cost
     * a query on every topic page. Reading the id of the lazy association loads nothing.
     */
    public Category categoryOf(Topic topic) {
        return category(topic.category.id); // an uninitialised association still knows its id
    }

    /** A category by id from the cache, else from the database (created a moment ago); null if there is none. */
    public Category category(long id) {
        for (Category category : allCategories()) {
            if (category.id == id) {
                return category;
            }
        }
        return Category.findById(id);
    }

    /**
     * Every page asks for the categories up to three times: read them once, and again only when the
     * table changed on any instance (who may read what is in there). Read-only use: the entities are
     * detached.
     */
    private List<Category> allCategories() {
        return categories.get(() -> List.copyOf(Category.<Category> list("order by position")));
    }
}
