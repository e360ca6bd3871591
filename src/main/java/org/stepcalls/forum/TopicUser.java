package org.stepcalls.forum;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One person's relation to one topic: the last post they read and the notification level. Written
 * only by plain upserts ({@link ReadingState}, {@link TopicWatching}); mapped so the latest list can join it.
 */
@Entity
@Table(name = "topic_users")
@IdClass(TopicUser.Key.class)
public class TopicUser extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public long accountId;

    @Id
    @Column(name = "topic_id")
    public long topicId;

    @Column(name = "last_read_post_number")
    public Integer lastReadPostNumber;

    public String level;

    public static class Key implements Serializable {
        public long accountId;
        public long topicId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.accountId == accountId && key.topicId == topicId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(accountId, topicId);
        }
    }
}
