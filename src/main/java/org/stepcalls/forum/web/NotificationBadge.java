package org.stepcalls.forum.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import org.stepcalls.forum.Notifications;
import org.stepcalls.platform.security.CurrentUser;

/** The unread count in the page header ({@code inject:notificationBadge.count}); asked once per page. */
@RequestScoped
@Named("notificationBadge")
public class NotificationBadge {

    private final Notifications notifications;
    private final CurrentUser currentUser;
    private Long count;

    NotificationBadge(Notifications notifications, CurrentUser currentUser) {
        this.notifications = notifications;
        this.currentUser = currentUser;
    }

    public long count() {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            return 0; // an error page rendered on an I/O thread cannot query; the next page shows the count
        }
        if (count == null) {
            count = notifications.unreadCount(currentUser.viewer());
        }
        return count;
    }
}
