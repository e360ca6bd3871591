package org.stepcalls.volunteers;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An entry of the 12th Step list. The number is held only encrypted ({@code phoneCipher}). */
@Entity
@Table(name = "volunteers")
public class Volunteer extends PanacheEntityBase {

    /**
     * Taken from the table's sequence before the row is written ({@link #nextId()}): the sealed
     * number is bound to it.
     */
    @Id
    public Long id;

    @Column(name = "first_name", nullable = false)
    public String firstName;

    @Column(name = "phone_cipher", nullable = false)
    byte[] phoneCipher;

    /** The number as shown, sealed beside it ({@link DisplayForms}); null only until startup seals it. */
    @Column(name = "phone_display_cipher")
    byte[] phoneDisplayCipher;

    @Column(name = "phone_index", nullable = false)
    byte[] phoneIndex;

    @Column(nullable = false)
    public Sex sex;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "home_area_id")
    public Area homeArea;

    @ManyToMany
    @JoinTable(name = "volunteer_areas", joinColumns = @JoinColumn(name = "volunteer_id"),
            inverseJoinColumns = @JoinColumn(name = "area_id"))
    public Set<Area> areasCovered = new HashSet<>();

    @Column(name = "clean_date", nullable = false)
    public LocalDate cleanDate;

    @Column(name = "can_phone", nullable = false)
    public boolean canPhone;

    @Column(name = "can_visit", nullable = false)
    public boolean canVisit;

    @Column(name = "guidelines_acknowledged_on")
    public LocalDate guidelinesAcknowledgedOn;

    @Column(name = "form_received", nullable = false)
    public boolean formReceived;

    @Column(nullable = false)
    public boolean active = true;

    /** The forum member this entry belongs to, when they joined themselves. */
    @Column(name = "account_id")
    public Long accountId;

    @Column(name = "last_asked_at")
    public OffsetDateTime lastAskedAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    public static Volunteer findByAccount(long accountId) {
        return find("accountId", accountId).firstResult();
    }

    static long nextId() {
        return ((Number) getEntityManager().createNativeQuery("SELECT nextval(pg_get_serial_sequence('volunteers', 'id'))")
                .getSingleResult()).longValue();
    }
}
