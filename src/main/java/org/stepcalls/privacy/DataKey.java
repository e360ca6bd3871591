package org.stepcalls.privacy;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A data key, stored only wrapped by the master key. Deleting the row shreds what it sealed. */
@Entity
@Table(name = "data_keys")
public class DataKey extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    byte[] wrapped;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
