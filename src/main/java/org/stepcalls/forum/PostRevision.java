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

/** The text a post had before an edit replaced it (already redacted when it was first stored). */
@Entity
@Table(name = "post_revisions")
public class PostRevision extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "post_id")
    public Post post;

    @Column(nullable = false)
    public int number;

    @Column(nullable = false)
    public String body;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "editor_id")
    public Account editor;

    @Column(name = "replaced_at", nullable = false)
    public OffsetDateTime replacedAt;

    /**
     * The post's text when it was hidden, or before, or saved while it was (V27's trigger marks a
     * post's versions as it is hidden): it may be what got it hidden, so only those who may see hidden
     * posts see it, whatever the post's state later.
     */
    @Column(name = "kept_from_view", nullable = false)
    public boolean keptFromView;
}
