package org.stepcalls.platform.security;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A person who has signed in, keyed by the identity provider's issuer and subject — never by
 * e-mail, which people change and providers reuse.
 */
@Entity
@Table(name = "accounts")
public class Account extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String issuer;

    @Column(nullable = false)
    public String subject;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** Unique case-insensitively, URL-safe, shown beside the display name and used in @mentions. */
    @Column(nullable = false)
    public String username;

    /** A username is chosen for you at first sign-in and may be changed once. */
    @Column(name = "username_changed", nullable = false)
    public boolean usernameChanged;

    /** From the token's {@code email} claim at the last sign-in; null: no e-mail is sent. */
    public String email;
}
