package org.stepcalls.forum;

import org.stepcalls.platform.security.Role;

/**
 * The one place that decides whether an e-mail may quote what people wrote in a category: only
 * where every member may read it anyway (Announcements, General). From the 12th Step Calls board
 * and Helpliners an e-mail says only that something happened, with a link — never a caller's
 * detail, a title or a post's text, whatever a feature passes in.
 */
public final class EmailPrivacy {

    private EmailPrivacy() {
    }

    public static boolean mayQuote(Category category) {
        return category != null && category.readers().contains(Role.MEMBER) && !category.topicsByFeatureOnly;
    }
}
