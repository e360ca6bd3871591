package org.stepcalls.calls;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.stepcalls.volunteers.Area;
import org.stepcalls.volunteers.RequestType;
import org.stepcalls.volunteers.Sex;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A 12th Step call: the forum topic's structured side. The caller's name, number and notes are
 * held only as ciphertext under the call's own data key; the initial and area are what others see.
 */
@Entity
@Table(name = "calls")
public class Call extends PanacheEntityBase {

    @Id
    @Column(name = "topic_id")
    public Long topicId;

    @Column(nullable = false)
    public int number;

    @Column(name = "data_key_id")
    public Long dataKeyId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "area_id")
    public Area area;

    @Column(name = "caller_initial", nullable = false)
    public String callerInitial;

    @Column(name = "caller_name_cipher", nullable = false)
    byte[] callerNameCipher;

    @Column(name = "caller_phone_cipher", nullable = false)
    byte[] callerPhoneCipher;

    @Column(name = "notes_cipher")
    byte[] notesCipher;

    @Column(name = "caller_sex", nullable = false)
    public Sex callerSex;

    @Column(name = "request_type", nullable = false)
    public String requestType;

    /** For a {@code meeting_welcome}: the meeting at whose door the caller is met. */
    @Column(name = "meeting_id")
    public Long meetingId;

    @Column(name = "disabled_or_vulnerable", nullable = false)
    public boolean disabledOrVulnerable;

    /** R18: only that the emergency guidance was given is recorded, nothing about the emergency. */
    @Column(name = "emergency_guidance_given", nullable = false)
    public boolean emergencyGuidanceGiven;

    @Column(name = "opener_id", nullable = false)
    public long openerId;

    @Column(name = "opened_at", nullable = false)
    public OffsetDateTime openedAt;

    @Column(name = "last_opener_activity_at", nullable = false)
    public OffsetDateTime lastOpenerActivityAt;

    @Column
    public String outcome;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    /** When the opener was told the call would be purged unclosed; set once. */
    @Column(name = "expiry_warned_at")
    public OffsetDateTime expiryWarnedAt;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Version
    public long version;

    public RequestType request() {
        return RequestType.parse(requestType).orElseThrow();
    }

    public boolean isClosed() {
        return closedAt != null;
    }
}
