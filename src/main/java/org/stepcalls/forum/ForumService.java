package org.stepcalls.forum;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
 * Every change to topics and posts: permission first (through {@link Permissions}), then input,
 * then state; free text is redacted before anything is stored.
 */
@ApplicationScoped
@Transactional
public class ForumService {

    public static final int MAX_TITLE = 200;
    public static final int MAX_BODY = 20_000;
    public static final int MAX_REASON = 500;

    /** Error codes of the contract (API.md, round two). */
    public static final String TOPIC_CLOSED_BY_FEATURE = "call_topic";
    public static final String RECORD_POST = "record_post";
    public static final String CONTACT_DETAILS = "contact_details";
    static final String CONTACT_DETAILS_MESSAGE = "This post still shows a phone number or an e-mail address written in a "
            + "way we could not remove; take it out and post again.";
    static final String RECORD_POST_MESSAGE = "This post is a record of what was done, and records are never "
            + "rewritten or hidden. To correct it, log a new record that says which one it corrects.";

    /** What a create or edit answers: the id and how many numbers and addresses were removed. */
    public record Saved(long id, int redactions) {
    }

    /** A post as it would be stored and shown, stored nowhere. */
    public record Preview(RenderedMarkdown rendered, int redactions) {
    }

    private final Permissions permissions;
    private final Redactor redactor;
    private final MarkdownRenderer markdown;
    private final AuditLog audit;
    private final EntityManager entityManager;
    private final ReplyNotifications replyNotifications;
    private final AnnouncementNotifications announcementNotifications;
    private final ReadingState readingState;
    private final TopicWatching watching;
    private final Drafts drafts;

    /** @mentions in conversation: linked when rendered, notified once saved. */
    @Inject
    Mentions mentions;

    /** A hidden post's queued e-mails are withdrawn, an edited one's that quote it. */
    @Inject
    MailOutbox outbox;

    ForumService(Permissions permissions, Redactor redactor, MarkdownRenderer markdown, AuditLog audit,
            EntityManager entityManager, ReplyNotifications replyNotifications,
            AnnouncementNotifications announcementNotifications, ReadingState readingState, TopicWatching watching,
            Drafts drafts) {
        this.permissions = permissions;
        this.redactor = redactor;
        this.markdown = markdown;
        this.audit = audit;
        this.entityManager = entityManager;
        this.replyNotifications = replyNotifications;
        this.announcementNotifications = announcementNotifications;
        this.readingState = readingState;
        this.watching = watching;
        this.drafts = drafts;
    }

    public Saved createTopic(Viewer viewer, String categorySlug, String rawTitle, String rawBody) {
        Category category = categorySlug == null ? null : Category.findBySlug(categorySlug);
        if (category == null || !permissions.canRead(viewer, category)) {
            throw ApiException.invalidField("category", "Choose one of the categories you can post in.");
        }
        if (category.topicsByFeatureOnly) {
            throw ApiException.conflict("use_calls_board",
                    "Topics in " + category.name + " are opened from the 12th Step call form (POST /api/calls).");
        }
        if (!permissions.canCreateTopicIn(viewer, category)) {
            throw ApiException.forbidden("Your role may read " + category.name + " but not start topics there.");
        }
        String title = required("title", "title", rawTitle, MAX_TITLE);
        String body = required("body", "post", rawBody, MAX_BODY);
        RedactedText redactedTitle = shownClean("title", redactor.redact(title));
        RedactedText redactedBody = redactor.redact(body);
        RenderedMarkdown rendered = shownClean(mentions.render(redactedBody, category));

        OffsetDateTime now = OffsetDateTime.now();
        Topic topic = new Topic();
        topic.category = category;
        topic.retitle(redactedTitle);
        topic.opener = account(viewer);
        topic.createdAt = now;
        topic.lastActivityAt = now;
        topic.persist();
        Post first = addPost(topic, viewer, rendered, now);
        mentions.notifyNewlyMentioned(first, category);
        announcementNotifications.announced(topic, first);
        afterNewPost(viewer, topic, first);
        return new Saved(topic.id, redactedTitle.redactions() + redactedBody.redactions());
    }

    /**
     * Extension point for a feature that owns a category (the calls board): opens a topic there
     * with the feature's own first post. The plain topic form cannot.
     */
    public Saved openFeatureTopic(Viewer viewer, String categorySlug, String kind, String rawTitle, String rawBody) {
        Category category = Category.findBySlug(categorySlug);
        if (category == null || !category.topicsByFeatureOnly || !permissions.canPostIn(viewer, category)) {
            throw ApiException.forbidden("Your role may not open topics in this board.");
        }
        RedactedText title = shownClean("title", redactor.redact(required("title", "title", rawTitle, MAX_TITLE)));
        RedactedText body = redactor.redact(required("body", "post", rawBody, MAX_BODY));
        RenderedMarkdown rendered = shownClean(markdown.render(body));
        OffsetDateTime now = OffsetDateTime.now();
        Topic topic = new Topic();
        topic.category = category;
        topic.retitle(title);
        topic.opener = account(viewer);
        topic.createdAt = now;
        topic.lastActivityAt = now;
        topic.persist();
        Post first = addPost(topic, viewer, rendered, now);
        first.kind = kind;
        return new Saved(topic.id, title.redactions() + body.redactions());
    }

    /** Extension point: a feature's templated post (a record of kind {@code kind}) in an open topic. */
    public Saved addRecordPost(Viewer viewer, long topicId, String kind, String rawBody) {
        Topic topic = readableTopic(viewer, topicId, LockModeType.PESSIMISTIC_WRITE);
        if (topic.isClosed()) {
            throw ApiException.conflict("topic_closed", "This topic is closed; it takes no more posts.");
        }
        RedactedText body = redactor.redact(required("body", "post", rawBody, MAX_BODY));
        Post post = addPost(topic, viewer, shownClean(markdown.render(body)), OffsetDateTime.now());
        post.kind = kind;
        return new Saved(post.id, body.redactions());
    }

    /** Extension point: a feature closes its own topic (the calls board, when the opener records the outcome). */
    public void closeForFeature(long topicId) {
        Topic topic = Topic.findById(topicId);
        topic.status = Topic.CLOSED;
        topic.lastActivityAt = OffsetDateTime.now();
    }

    public Saved reply(Viewer viewer, long topicId, String rawBody) {
        Topic topic = readableTopic(viewer, topicId, LockModeType.PESSIMISTIC_WRITE);
        Category category = permissions.categoryOf(topic);
        refuseApiKeyOnAFeaturesBoard(viewer, category);
        if (!permissions.canReply(viewer, topic)) {
            throw ApiException.forbidden("Your role may read this topic but not reply to it.");
        }
        if (topic.isClosed()) {
            throw ApiException.conflict("topic_closed", "This topic is closed; it takes no more replies.");
        }
        RedactedText body = redactor.redact(required("body", "reply", rawBody, MAX_BODY));
        Post post = addPost(topic, viewer, shownClean(mentions.render(body, category)), OffsetDateTime.now());
        mentions.notifyNewlyMentioned(post, category);
        replyNotifications.replied(topic, post);
        afterNewPost(viewer, topic, post);
        return new Saved(post.id, body.redactions());
    }

    /**
     * A board a feature owns (the calls board) is written by people signed in ({@link Permissions#writesHere}):
     * an admin made every API key, and a key for all users could write in any helpliner's case thread as them.
     * Said in so many words here, before the role checks that would refuse it less clearly.
     */
    private void refuseApiKeyOnAFeaturesBoard(Viewer viewer, Category category) {
        if (!permissions.writesHere(viewer, category)) {
            throw ApiException.conflict("api_key_not_allowed", "An API key never writes on the " + category.name
                    + " board, whoever it acts as: sign in to the forum to reply there.");
        }
    }

    /** Your own post is read, its draft is done with, you now track the topic, and its watchers hear of it. */
    private void afterNewPost(Viewer viewer, Topic topic, Post post) {
        readingState.readUpTo(viewer, topic.id, post.postNumber);
        drafts.discardAfterPosting(viewer, topic, post);
        watching.afterNewPost(viewer, topic, post);
    }

    /** The same redactor, renderer and safety net as a post: what the preview shows is what would be stored. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Preview preview(String rawBody) {
        RedactedText body = redactor.redact(required("body", "post", rawBody, MAX_BODY));
        return new Preview(shownClean(markdown.render(body)), body.redactions());
    }

    /** A title as it would be stored: redacted, and refused if it would still show a number. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RedactedText cleanTitle(String rawTitle) {
        return shownClean("title", redactor.redact(required("title", "title", rawTitle, MAX_TITLE)));
    }

    public Saved edit(Viewer viewer, long postId, String rawBody) {
        Post post = readablePost(viewer, postId);
        refuseRecord(post);
        refuseApiKeyOnAFeaturesBoard(viewer, permissions.categoryOf(post.topic));
        if (!permissions.canEdit(viewer, post)) {
            throw ApiException.forbidden("Only the author of a post can edit it.");
        }
        PostDeletion.refuseDeleted(post);
        if (post.topic.isClosed()) {
            throw ApiException.conflict("topic_closed", "This topic is closed; its posts can no longer be edited.");
        }
        Category category = permissions.categoryOf(post.topic);
        RedactedText body = redactor.redact(required("body", "post", rawBody, MAX_BODY));
        RenderedMarkdown rendered = shownClean(mentions.render(body, category));
        if (body.text().equals(post.body())) {
            return new Saved(post.id, body.redactions());
        }
        PostRevision revision = new PostRevision();
        revision.post = post;
        revision.number = 1 + (int) PostRevision.count("post", post);
        revision.body = post.body();
        revision.editor = account(viewer);
        revision.replacedAt = OffsetDateTime.now();
        revision.keptFromView = post.hidden; // the text that got it hidden (V27 marks those before, as it is hidden)
        revision.persist();
        post.write(rendered);
        post.editedAt = revision.replacedAt;
        // queued e-mails quoting the text just replaced: an edit is how a first post is taken back
        outbox.withdrawQuotes(post.id);
        if (!post.hidden) { // a hidden post tells nobody anything new
            mentions.notifyNewlyMentioned(post, category);
        }
        return new Saved(post.id, body.redactions());
    }

    public void hide(Viewer viewer, long postId, String rawReason) {
        Post post = moderatedPost(viewer, postId);
        refuseRecord(post);
        RedactedText reason = shownClean("reason", redactor.redact(required("reason", "reason", rawReason, MAX_REASON)));
        post.hide(reason);
        outbox.withdraw(post.id);
        audit.record(viewer.accountId(), Action.POST_HIDDEN, post.topic.id, post.id);
    }

    public void unhide(Viewer viewer, long postId) {
        Post post = moderatedPost(viewer, postId);
        post.unhide();
        audit.record(viewer.accountId(), Action.POST_UNHIDDEN, post.topic.id, post.id);
    }

    public void setClosed(Viewer viewer, long topicId, boolean closed) {
        Topic topic = topicWhoseStateModeratorsChange(viewer, topicId);
        topic.status = closed ? Topic.CLOSED : Topic.OPEN;
        audit.record(viewer.accountId(), closed ? Action.TOPIC_CLOSED : Action.TOPIC_REOPENED, topic.id, null);
    }

    /** Unpinning stays open on every topic, so that a pin made before R15 held can be taken off. */
    public void setPinned(Viewer viewer, long topicId, boolean pinned) {
        Topic topic = pinned ? topicWhoseStateModeratorsChange(viewer, topicId) : moderatedTopic(viewer, topicId);
        topic.pinned = pinned;
        audit.record(viewer.accountId(), pinned ? Action.TOPIC_PINNED : Action.TOPIC_UNPINNED, topic.id, null);
    }

    /**
     * R16's safety net: the post exactly as readers will see it, checked again. What the source pass
     * could not remove is refused, so that nothing readable is ever stored.
     */
    private RenderedMarkdown shownClean(RenderedMarkdown rendered) {
        VisibleText visible = VisibleText.of(rendered.html());
        if (redactor.showsContactDetails(visible.text()) || visible.links().stream().anyMatch(redactor::showsContactDetails)) {
            throw ApiException.invalidField("body", CONTACT_DETAILS, CONTACT_DETAILS_MESSAGE);
        }
        return rendered;
    }

    /** The safety net for plain text (titles, hide reasons), which readers see as it is stored. */
    private RedactedText shownClean(String field, RedactedText plain) {
        if (redactor.showsContactDetails(plain.text())) {
            throw ApiException.invalidField(field, CONTACT_DETAILS, CONTACT_DETAILS_MESSAGE);
        }
        return plain;
    }

    private Post addPost(Topic topic, Viewer viewer, RenderedMarkdown content, OffsetDateTime at) {
        Post post = new Post();
        post.topic = topic;
        post.postNumber = topic.postsCount + 1;
        post.author = account(viewer);
        post.write(content);
        post.createdAt = at;
        post.persist();
        topic.postsCount = post.postNumber;
        topic.lastActivityAt = at;
        return post;
    }

    private Topic readableTopic(Viewer viewer, long topicId, LockModeType lock) {
        Topic topic = entityManager.find(Topic.class, topicId, lock);
        if (topic == null || !permissions.canRead(viewer, topic)) {
            throw ApiException.notFound();
        }
        return topic;
    }

    private Post readablePost(Viewer viewer, long postId) {
        Post post = Post.findById(postId);
        if (post == null || !permissions.canRead(viewer, post.topic)) {
            throw ApiException.notFound();
        }
        return post;
    }

    private Post moderatedPost(Viewer viewer, long postId) {
        Post post = readablePost(viewer, postId);
        if (!permissions.canModerate(viewer, permissions.categoryOf(post.topic))) {
            throw ApiException.forbidden("Only coordinators moderate posts.");
        }
        return post;
    }

    /** R15: a feature that closes its own topics (the calls board) refuses moderators, whoever asks. */
    private Topic topicWhoseStateModeratorsChange(Viewer viewer, long topicId) {
        Topic topic = readableTopic(viewer, topicId, LockModeType.NONE);
        Category category = permissions.categoryOf(topic);
        if (category.closesOwnTopics()) {
            throw ApiException.conflict(TOPIC_CLOSED_BY_FEATURE, category.closedByFeatureNote);
        }
        return moderatedTopic(viewer, topicId);
    }

    /** R12: a record is part of a log; it is corrected by a new record, never rewritten or hidden. */
    static void refuseRecord(Post post) {
        if (post.isRecord()) {
            throw ApiException.conflict(RECORD_POST, RECORD_POST_MESSAGE);
        }
    }

    private Topic moderatedTopic(Viewer viewer, long topicId) {
        Topic topic = readableTopic(viewer, topicId, LockModeType.NONE);
        if (!permissions.canModerate(viewer, permissions.categoryOf(topic))) {
            throw ApiException.forbidden("Only coordinators close, reopen and pin topics.");
        }
        return topic;
    }

    private Account account(Viewer viewer) {
        return entityManager.getReference(Account.class, viewer.accountId());
    }

    /** The trimmed value, or a 400 naming the field. Limits count characters as people do (code points). */
    static String required(String field, String label, String value, int max) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty()) {
            throw ApiException.invalidField(field, "The " + label + " is empty; please write something.");
        }
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length > max) {
            throw ApiException.invalidField(field, "The " + label + " is " + length + " characters long; the limit is "
                    + max + ".");
        }
        return trimmed;
    }
}
