package org.stepcalls.forum;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.stepcalls.platform.mail.MailOutbox;
import org.stepcalls.platform.mail.MailSettings;
import org.stepcalls.platform.mail.OutgoingMail;
import org.stepcalls.platform.security.Account;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/**
 * Turns an event into an e-mail in the outbox, in the event's own transaction, when the person
 * has an address and wants that event. What the mail may say is decided here: the app's own
 * sentence (composed from ids and counts) and a link; a quote of what someone wrote only where
 * {@link EmailPrivacy} allows it.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class NotificationMail {

    /** What a mail says, before the greeting, the link and the unsubscribe footer are added. */
    public record Content(List<String> lines, String quote, String linkPath, String linkLabel) {
    }

    private final NotificationSettings settings;
    private final UnsubscribeLinks unsubscribeLinks;
    private final MailOutbox outbox;
    private final MailSettings mail;
    private final String helplineName;
    private final Template text;
    private final Template html;

    NotificationMail(NotificationSettings settings, UnsubscribeLinks unsubscribeLinks, MailOutbox outbox, MailSettings mail,
            @ConfigProperty(name = "stepcalls.helpline-name") String helplineName,
            @Location("mail/event.txt") Template text, @Location("mail/event.html") Template html) {
        this.settings = settings;
        this.unsubscribeLinks = unsubscribeLinks;
        this.outbox = outbox;
        this.mail = mail;
        this.helplineName = helplineName;
        this.text = text;
        this.html = html;
    }

    /** An in-app notification's e-mail: its kind picks the event; the quote only where the category allows. */
    void forNotification(long accountId, Topic topic, String kind, String sentence, Notifications.AboutPost post) {
        EmailEvent.forKind(kind).ifPresent(event -> {
            boolean quotable = topic != null && post != null && EmailPrivacy.mayQuote(topic.category);
            String quote = quotable ? post.quote() : null;
            send(accountId, topic == null ? null : topic.id, post == null ? null : post.postId(), quote != null, event,
                    new Content(List.of(sentence), quote, linkFor(topic, post), "Open it"));
        });
    }

    /**
     * For a feature's own e-mail (the coordinators' digest): {@code content} must be the app's own
     * words — ids, counts, area names — never anything a person typed.
     */
    public void send(long accountId, Long topicId, EmailEvent event, Content content) {
        send(accountId, topicId, null, false, event, content);
    }

    private void send(long accountId, Long topicId, Long postId, boolean quotesPost, EmailEvent event, Content content) {
        if (!mail.enabled()) {
            return;
        }
        Account account = Account.findById(accountId);
        if (account == null || account.email == null || !settings.wants(accountId, event)) {
            return;
        }
        String unsubscribe = mail.link(UnsubscribeLinks.path(unsubscribeLinks.token(accountId, event)));
        String subject = helplineName + ": " + event.subject();
        var data = new java.util.HashMap<String, Object>();
        data.put("helpline", helplineName);
        data.put("name", account.displayName);
        data.put("subject", event.subject());
        data.put("lines", content.lines());
        data.put("quote", content.quote());
        data.put("link", mail.link(content.linkPath()));
        data.put("linkLabel", content.linkLabel());
        data.put("event", event.subject().toLowerCase(java.util.Locale.ROOT));
        data.put("unsubscribe", unsubscribe);
        data.put("settings", mail.link("/me/notifications"));
        outbox.enqueue(new OutgoingMail(accountId, topicId, postId, quotesPost, event.jsonName(), account.email, subject,
                text.data(data).render(), html.data(data).render(), unsubscribe));
    }

    /**
     * A post of a plain topic by its own address (it leads to the topic's page that holds it); a feature's
     * topic, or no post, by the topic's page.
     */
    private static String linkFor(Topic topic, Notifications.AboutPost post) {
        if (topic == null) {
            return "/notifications";
        }
        return post != null && topic.category.topicPage == null ? "/p/" + post.postId() : topicPath(topic);
    }

    /** A topic's page: a feature's own page where its category has one (a call's page). */
    public static String topicPath(Topic topic) {
        return topic.category.topicPage != null ? topic.category.topicPage + topic.id : "/t/" + topic.id;
    }
}
