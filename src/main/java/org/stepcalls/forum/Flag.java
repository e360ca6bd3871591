package org.stepcalls.forum;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.stepcalls.platform.security.Account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A reader's flag on a post, open until a coordinator agrees or disagrees. Its note is redacted text. */
@Entity
@Table(name = "post_flags")
public class Flag extends PanacheEntityBase {

    public static final String OPEN = "open";
    public static final String AGREED = "agreed";
    public static final String DISAGREED = "disagreed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "post_id")
    public Post post;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "flagger_id")
    public Account flagger;

    /** One of {@link Flags.Reason}'s codes. */
    @Column(nullable = false)
    public String reason;

    public String note;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** This flag hid the post at once (personal details): disagreeing restores it. */
    @Column(name = "hid_post", nullable = false)
    public boolean hidPost;

    @Column(nullable = false)
    public String status = OPEN;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "reviewer_id")
    public Account reviewer;

    @Column(name = "reviewed_at")
    public OffsetDateTime reviewedAt;

    public boolean isOpen() {
        return OPEN.equals(status);
    }
}
