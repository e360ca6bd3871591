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
@Table(name = "posts")
public class Post extends PanacheEntityBase {

    /** A plain Markdown post; features add their own kinds (the calls board's templated records). */
    public static final String TEXT = "text";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "topic_id")
    public Topic topic;

    @Column(name = "post_number", nullable = false)
    public int postNumber;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "author_id")
    public Account author;

    @Column(nullable = false)
    public String kind = TEXT;

    /** Markdown source and its sanitised HTML; set together, only from {@link RenderedMarkdown}. */
    @Column(nullable = false)
    private String body;

    @Column(nullable = false)
    private String html;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "edited_at")
    public OffsetDateTime editedAt;

    @Column(nullable = false)
    public boolean hidden;

    @Column(name = "hidden_reason")
    private String hiddenReason;

    /** When its author deleted it; its text is gone, its place in the thread stays. */
    @Column(name = "deleted_at")
    public OffsetDateTime deletedAt;

    @Version
    public long version;

    /**
     * A feature's templated record (a call's intake, attempt, report-back, callback, outcome): part
     * of a log (R12), so never rewritten as free text nor hidden; a new record corrects it.
     */
    public boolean isRecord() {
        return isRecord(kind);
    }

    public static boolean isRecord(String kind) {
        return !TEXT.equals(kind);
    }

    public String body() {
        return body;
    }

    public String html() {
        return html;
    }

    public String hiddenReason() {
        return hiddenReason;
    }

    public void write(RenderedMarkdown content) {
        this.body = content.source().text();
        this.html = content.html();
    }

    /** Its author deleted it: the text goes (revisions are deleted beside it), the post's place stays. */
    public void erase(OffsetDateTime at) {
        this.body = "";
        this.html = "";
        this.editedAt = null;
        this.deletedAt = at;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public void hide(RedactedText reason) {
        this.hidden = true;
        this.hiddenReason = reason.text();
    }

    public void unhide() {
        this.hidden = false;
        this.hiddenReason = null;
    }
}
