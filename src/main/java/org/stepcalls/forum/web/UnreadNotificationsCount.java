package org.stepcalls.forum.web;

import jakarta.enterprise.context.ApplicationScoped;

import org.stepcalls.forum.Notifications;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.HeaderCount;

/** The bell's unread count, on every signed-in page. */
@ApplicationScoped
class UnreadNotificationsCount implements HeaderCount {

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public boolean shownTo(Viewer viewer) {
        return viewer.isSignedIn();
    }

    @Override
    public String sql() {
        return Notifications.UNREAD_COUNT;
    }
}
