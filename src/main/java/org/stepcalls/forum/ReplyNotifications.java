package org.stepcalls.forum;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.stepcalls.platform.security.Viewer;

/**
 * "A reply in a topic I started": whom a new reply notifies (in the app, and by e-mail for those
 * who want {@link EmailEvent#REPLIES}); the author of the reply is never told. People watching a
 * topic are told by {@link TopicWatching}, which leaves a topic's opener to this class, so nobody
 * hears of one reply twice.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ReplyNotifications {

    public static final String KIND = "reply";
    /** What follows the replier's name, in the two forms of the text ({@link Notifications#forgetAuthor} looks for them). */
    static final String IN_YOUR_TOPIC = " replied in your topic “";
    static final String IN_A_TOPIC_YOU_STARTED = " replied in a topic you started in ";
    /** The same, for replies collapsed into one notification: a count, never a name. */
    static final String NEW_REPLIES_IN_YOUR_TOPIC = " new replies in your topic “";
    static final String NEW_REPLIES_IN_A_TOPIC_YOU_STARTED = " new replies in a topic you started in ";
    static final int QUOTE_LENGTH = 300;

    private final Notifications notifications;
    private final Permissions permissions;
    private final EntityManager entityManager;

    ReplyNotifications(Notifications notifications, Permissions permissions, EntityManager entityManager) {
        this.notifications = notifications;
        this.permissions = permissions;
        this.entityManager = entityManager;
    }

    void replied(Topic topic, Post reply) {
        Set<Long> recipients = recipients(topic, reply);
        recipients.remove(reply.author.id);
        if (recipients.isEmpty()) {
            return;
        }
        boolean quotable = EmailPrivacy.mayQuote(topic.category);
        // outside the member-readable categories not even the title is repeated (it may name a caller's area or more)
        String text = quotable
                ? reply.author.displayName + IN_YOUR_TOPIC + topic.title() + "”."
                : reply.author.displayName + IN_A_TOPIC_YOU_STARTED + topic.category.name + ".";
        String quote = quotable ? excerpt(VisibleText.of(reply.html()).text()) : null;
        Notifications.AboutPost about = new Notifications.AboutPost(reply.id, quote);
        IntFunction<String> collapsed = n -> n + (quotable ? NEW_REPLIES_IN_YOUR_TOPIC + topic.title() + "”."
                : NEW_REPLIES_IN_A_TOPIC_YOU_STARTED + topic.category.name + ".");
        for (long recipient : recipients) {
            notifications.notifyOfPost(recipient, topic.id, KIND, text, about, collapsed);
        }
    }

    /**
     * Who is told of a reply: the topic's opener, while they may still read it — one who has lost the
     * role (a helpliner no longer on the calls board) hears nothing of what is said there since.
     */
    Set<Long> recipients(Topic topic, Post reply) {
        Set<Long> recipients = new LinkedHashSet<>();
        @SuppressWarnings("unchecked")
        List<String[]> roles = entityManager.createNativeQuery(
                "SELECT roles FROM accounts WHERE id = ?1 AND issuer <> 'erased'").setParameter(1, topic.opener.id)
                .getResultList();
        if (!roles.isEmpty() && permissions.canRead(Viewer.withStoredRoles(topic.opener.id, roles.get(0)), topic)) {
            recipients.add(topic.opener.id);
        }
        return recipients;
    }

    static String excerpt(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= QUOTE_LENGTH ? oneLine : oneLine.substring(0, QUOTE_LENGTH - 1) + "…";
    }
}
