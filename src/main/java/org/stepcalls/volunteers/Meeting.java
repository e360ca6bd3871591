package org.stepcalls.volunteers;

import java.time.LocalTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A meeting and its contact (R5); the contact's number is held only encrypted. */
@Entity
@Table(name = "meetings")
public class Meeting extends PanacheEntityBase {

    public static final java.util.List<String> WEEKDAYS = java.util.List.of("monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday");

    /**
     * Taken from the table's sequence before the row is written ({@link #nextId()}): the sealed
     * contact's number is bound to it.
     */
    @Id
    public Long id;

    @Column(nullable = false)
    public String name;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "area_id")
    public Area area;

    @Column(nullable = false)
    public String weekday;

    @Column(name = "starts_at", nullable = false)
    public LocalTime startsAt;

    /** Where it meets — an address or a description; public, like the meeting lists NA prints. */
    @Column
    public String venue;

    @Column(name = "contact_name")
    public String contactName;

    @Column(name = "contact_phone_cipher")
    byte[] contactPhoneCipher;

    /** The contact's number as shown, sealed beside it ({@link DisplayForms}). */
    @Column(name = "contact_phone_display_cipher")
    byte[] contactPhoneDisplayCipher;

    @Version
    public long version;

    public boolean hasContact() {
        return contactName != null;
    }

    /** R13: the contact left; the number goes with them. */
    public void removeContact() {
        contactName = null;
        contactPhoneCipher = null;
        contactPhoneDisplayCipher = null;
    }

    static long nextId() {
        return ((Number) getEntityManager().createNativeQuery("SELECT nextval(pg_get_serial_sequence('meetings', 'id'))")
                .getSingleResult()).longValue();
    }
}
