package org.stepcalls.forum.web;

import org.stepcalls.forum.ForumQueries.TopicSummary;
import org.stepcalls.forum.Topic;
import org.stepcalls.platform.web.TimeExtensions;

/**
 * A line of the topic list as the page shows it. Composed here once because Qute pays for every
 * expression it evaluates, and the list has thirty lines: rendering the latest page was half its CPU,
 * the lines nearly half of that (BENCHMARKS.md, round seventeen). Qute still escapes every value.
 */
record TopicRow(String href, String title, boolean isNew, int unread, boolean pinned, boolean closed, String meta,
        String iso, String ago) {

    static TopicRow of(TopicSummary topic) {
        Integer lastRead = topic.lastReadPostNumber();
        boolean unreadAfter = lastRead != null && lastRead > 0 && lastRead < topic.postsCount();
        return new TopicRow("/t/" + topic.id() + (unreadAfter ? "#unread" : ""), topic.title(), topic.isNew(),
                topic.unread(), topic.pinned(), Topic.CLOSED.equals(topic.status()),
                topic.categoryName() + " · " + topic.authorName() + " · " + topic.postsCount()
                        + (topic.postsCount() == 1 ? " post ·" : " posts ·"),
                TimeExtensions.iso(topic.lastActivityAt()), TimeExtensions.ago(topic.lastActivityAt()));
    }

    /** Whether any tag shows: most lines have none, and then one expression covers them all. */
    public boolean tagged() {
        return isNew || unread > 0 || pinned || closed;
    }
}
