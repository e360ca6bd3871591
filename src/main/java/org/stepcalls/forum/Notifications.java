package org.stepcalls.forum;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;

/**
 * In-app notifications: features write them (the calls board's overdue reminders and nudges),
 * people read them in a list with a count in the header. Callers pass text they composed from
 * ids and counts, never user input.
 */
@ApplicationScoped
@Transactional
public class Notifications {

    public void notify(long accountId, Long topicId, String kind, String text) {
        Notification notification = new Notification();
        notification.accountId = accountId;
        notification.topicId = topicId;
        notification.kind = kind;
        notification.text = text;
        notification.createdAt = OffsetDateTime.now();
        notification.persist();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean hasUnread(long accountId, long topicId, String kind) {
        return Notification.count("accountId = ?1 and topicId = ?2 and kind = ?3 and readAt is null", accountId, topicId,
                kind) > 0;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Notification> latest(Viewer viewer) {
        requireSignedIn(viewer);
        return Notification.find("accountId = ?1 order by createdAt desc, id desc", viewer.accountId()).page(0, 50).list();
    }

    /** On every page: a read, joining the request's work rather than opening a transaction (and a second connection). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long unreadCount(Viewer viewer) {
        return viewer.isSignedIn() ? Notification.count("accountId = ?1 and readAt is null", viewer.accountId()) : 0;
    }

    public void markRead(Viewer viewer, long id) {
        requireSignedIn(viewer);
        Notification notification = Notification.findById(id);
        if (notification == null || notification.accountId != viewer.accountId()) {
            throw ApiException.notFound();
        }
        if (notification.readAt == null) {
            notification.readAt = OffsetDateTime.now();
        }
    }

    public void markAllRead(Viewer viewer) {
        requireSignedIn(viewer);
        Notification.update("readAt = ?1 where accountId = ?2 and readAt is null", OffsetDateTime.now(), viewer.accountId());
    }

    private static void requireSignedIn(Viewer viewer) {
        if (!viewer.isSignedIn()) {
            throw new io.quarkus.security.UnauthorizedException();
        }
    }
}
