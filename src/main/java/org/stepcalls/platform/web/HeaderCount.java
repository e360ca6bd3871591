package org.stepcalls.platform.web;

import org.stepcalls.platform.security.Viewer;

/**
 * A count in the page header (unread notifications, open calls, open tasks): a feature offers a bean
 * of this type and the layout asks {@code inject:headerCounts.of('name')}. Every page counts all of
 * the viewer's in one statement ({@link HeaderCounts}), not one statement each.
 */
public interface HeaderCount {

    /** The name the layout asks for, a fixed word, e.g. {@code notifications}. */
    String name();

    /** Whether this viewer's header shows the count; the others are not counted at all. */
    boolean shownTo(Viewer viewer);

    /** One query answering a single count; each {@code ?} in it stands for the viewer's account id. */
    String sql();
}
