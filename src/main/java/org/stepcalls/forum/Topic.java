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
import jakarta.persistence.Version;

import org.stepcalls.platform.security.Account;
import org.stepcalls.privacy.RedactedText;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "topics")
public class Topic extends PanacheEntityBase {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "category_id")
    public Category category;

    /** Set only through {@link #retitle}: a title is always redacted text. */
    @Column(nullable = false)
    private String title;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "opener_id")
    public Account opener;

    @Column(nullable = false)
    public String status = OPEN;

    @Column(nullable = false)
    public boolean pinned;

    @Column(name = "posts_count", nullable = false)
    public int postsCount;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "last_activity_at", nullable = false)
    public OffsetDateTime lastActivityAt;

    @Version
    public long version;

    public String title() {
        return title;
    }

    public void retitle(RedactedText newTitle) {
        this.title = newTitle.text();
    }

    public boolean isClosed() {
        return CLOSED.equals(status);
    }
}
