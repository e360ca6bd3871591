package org.stepcalls.privacy;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One audited action: who, what, on which ids, when. Never any text (R16, R17, R19). */
@Entity
@Table(name = "audit_log")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public OffsetDateTime at;

    /** Null for what the app did on its own schedule (an epoch key destroyed by the scheduled purge). */
    @Column(name = "actor_id")
    public Long actorId;

    @Column(nullable = false)
    public String action;

    @Column(name = "topic_id")
    public Long topicId;

    @Column(name = "post_id")
    public Long postId;

    @Column(name = "volunteer_id")
    public Long volunteerId;

    @Column(name = "meeting_id")
    public Long meetingId;

    /** A fixed code or a key epoch such as 2026-W49, never free text (the database checks it). */
    @Column
    public String detail;
}
