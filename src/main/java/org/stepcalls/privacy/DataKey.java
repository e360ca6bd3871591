package org.stepcalls.privacy;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A data key, stored only wrapped by the key of its epoch (kept in the {@link Keyring}, outside the
 * database). Deleting the row shreds what it sealed; destroying the epoch's key shreds every copy.
 */
@Entity
@Table(name = "data_keys")
public class DataKey extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    byte[] wrapped;

    /** The key epoch (ISO week) whose key wraps this one; null only before {@link LegacyFormats} ran. */
    @Column
    String epoch;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
