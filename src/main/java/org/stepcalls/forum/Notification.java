package org.stepcalls.forum;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Something a person should look at, about a topic. */
@Entity
@Table(name = "notifications")
public class Notification extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id", nullable = false)
    public long accountId;

    @Column(name = "topic_id")
    public Long topicId;

    /** The post it tells of, if any. */
    @Column(name = "post_id")
    public Long postId;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String text;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "read_at")
    public OffsetDateTime readAt;

    /** How many new posts this tells of: unread reply notifications of one topic are collapsed into one. */
    @Column(nullable = false)
    public int posts = 1;

    /** The number of the last post collapsed into this one (null: only its own post's). */
    @Column(name = "last_post_number")
    public Integer lastPostNumber;
}
