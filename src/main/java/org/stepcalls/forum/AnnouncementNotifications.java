package org.stepcalls.forum;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * A new topic in Announcements notifies the people who turned announcements on (off by default):
 * in the app and by e-mail. Announcements are for every member, so the e-mail quotes them.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AnnouncementNotifications {

    public static final String KIND = "announcement";
    static final String CATEGORY = "announcements";

    private final Notifications notifications;
    private final EntityManager entityManager;

    AnnouncementNotifications(Notifications notifications, EntityManager entityManager) {
        this.notifications = notifications;
        this.entityManager = entityManager;
    }

    void announced(Topic topic, Post first) {
        if (!CATEGORY.equals(topic.category.slug)) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Number> subscribers = entityManager.createNativeQuery(
                "SELECT account_id FROM notification_settings WHERE announcements AND account_id <> ?1 ORDER BY account_id")
                .setParameter(1, first.author.id).getResultList();
        String text = "New announcement: “" + topic.title() + "”.";
        String quote = ReplyNotifications.excerpt(VisibleText.of(first.html()).text());
        Notifications.AboutPost about = new Notifications.AboutPost(first.id, quote);
        for (Number subscriber : subscribers) {
            notifications.notify(subscriber.longValue(), topic.id, KIND, text, about);
        }
    }
}
