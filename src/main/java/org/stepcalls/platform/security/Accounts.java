package org.stepcalls.platform.security;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Creates the local account on first sign-in and keeps its display name in step with the token. */
@ApplicationScoped
public class Accounts {

    /** What a request needs to know of its account. */
    public record SignedIn(long id, String displayName) {
    }

    private final EntityManager entityManager;

    Accounts(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    SignedIn findOrCreate(String issuer, String subject, String displayName) {
        // A short transaction of its own when the request has none: a read outside a transaction
        // keeps its pool connection until the request ends, and the request's own transaction
        // would then need a second one (under load every thread held one and waited for another).
        SignedIn known = QuarkusTransaction.joiningExisting().call(() -> lookUp(issuer, subject));
        if (known != null && known.displayName().equals(displayName)) {
            return known; // the common case: one read, no write
        }
        // its own transaction: the account must exist even if the request's work rolls back
        return QuarkusTransaction.requiringNew().call(() -> {
            entityManager.createNativeQuery("""
                    INSERT INTO accounts (issuer, subject, display_name, created_at) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT (issuer, subject) DO UPDATE SET display_name = EXCLUDED.display_name""")
                    .setParameter(1, issuer).setParameter(2, subject).setParameter(3, displayName)
                    .setParameter(4, OffsetDateTime.now())
                    .executeUpdate();
            return lookUp(issuer, subject);
        });
    }

    private SignedIn lookUp(String issuer, String subject) {
        return entityManager.createQuery(
                "select new org.stepcalls.platform.security.Accounts$SignedIn(a.id, a.displayName)"
                        + " from Account a where a.issuer = :issuer and a.subject = :subject", SignedIn.class)
                .setParameter("issuer", issuer).setParameter("subject", subject)
                .getResultStream().findFirst().orElse(null);
    }
}
