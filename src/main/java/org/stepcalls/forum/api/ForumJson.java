package org.stepcalls.forum.api;

import java.time.OffsetDateTime;
import java.util.List;

/** The JSON shapes of API.md "Forum core". */
final class ForumJson {

    private ForumJson() {
    }

    record CategoryJson(String slug, String name, String description, boolean canPost) {
    }

    /** {@code unread}, {@code isNew}, {@code lastReadPostNumber}, {@code notificationLevel}: the caller's reading state. */
    record TopicListItem(long id, String title, String category, String authorName, String status, boolean pinned,
            int postsCount, OffsetDateTime lastActivityAt, int unread, boolean isNew, Integer lastReadPostNumber,
            String notificationLevel) {
    }

    record TopicList(List<TopicListItem> topics, String next) {
    }

    record PostJson(long id, int number, String kind, String authorName, String body, String html,
            OffsetDateTime createdAt, OffsetDateTime editedAt, boolean hidden, String hiddenReason, String authorUsername,
            long likes, boolean liked, boolean deleted) {
    }

    /** {@code lastReadPostNumber}: where the caller had read up to before this request (0: never opened). */
    record TopicJson(long id, String title, String category, String status, boolean pinned, String openerName,
            List<PostJson> posts, int lastReadPostNumber, String notificationLevel) {
    }

    record LevelRequest(String level) {
    }

    record MarkedRead(int topics) {
    }

    record DraftRequest(String title, String body) {
    }

    record DraftJson(String key, String title, String body, OffsetDateTime updatedAt) {
    }

    record NewTopic(String category, String title, String body) {
    }

    record NewPost(String body) {
    }

    record HideRequest(String reason) {
    }

    record Saved(long id, int redactions) {
    }

    /**
     * A post's earlier text (redacted when first stored), who replaced it and when. {@code keptFromView}:
     * the post's text when it was hidden, or before; {@code body} null but for its author and coordinators.
     */
    record RevisionJson(int number, String body, OffsetDateTime replacedAt, String editorName, boolean keptFromView) {
    }

    record SearchHit(long topicId, long postId, String title, String excerpt) {
    }

    record SearchResults(List<SearchHit> results) {
    }
}
