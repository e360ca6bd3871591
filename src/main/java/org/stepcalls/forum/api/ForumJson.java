package org.stepcalls.forum.api;

import java.time.OffsetDateTime;
import java.util.List;

/** The JSON shapes of API.md "Forum core". */
final class ForumJson {

    private ForumJson() {
    }

    record CategoryJson(String slug, String name, String description, boolean canPost) {
    }

    record TopicListItem(long id, String title, String category, String authorName, String status, boolean pinned,
            int postsCount, OffsetDateTime lastActivityAt) {
    }

    record TopicList(List<TopicListItem> topics, String next) {
    }

    record PostJson(long id, int number, String kind, String authorName, String body, String html,
            OffsetDateTime createdAt, OffsetDateTime editedAt, boolean hidden, String hiddenReason, String authorUsername,
            long likes, boolean liked) {
    }

    record TopicJson(long id, String title, String category, String status, boolean pinned, String openerName,
            List<PostJson> posts) {
    }

    record NewTopic(String category, String title, String body) {
    }

    record NewPost(String body) {
    }

    record HideRequest(String reason) {
    }

    record Saved(long id, int redactions) {
    }

    record RevisionJson(int number, String body, OffsetDateTime replacedAt) {
    }

    record SearchHit(long topicId, long postId, String title, String excerpt) {
    }

    record SearchResults(List<SearchHit> results) {
    }
}
