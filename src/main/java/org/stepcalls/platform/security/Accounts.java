package org.stepcalls.platform.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Creates the local account on first sign-in and keeps its display name in step with the token. */
@ApplicationScoped
public class Accounts {

    /** What a request needs to know of its account. */
    public record SignedIn(long id, String displayName, String[] roles) {
    }

    private final EntityManager entityManager;
    private final AgroalDataSource dataSource;

    Accounts(EntityManager entityManager, AgroalDataSource dataSource) {
        this.entityManager = entityManager;
        this.dataSource = dataSource;
    }

    /** {@code roles}: kept as of the person's latest request, so that watchers are notified only where they may read. */
    SignedIn findOrCreate(String issuer, String subject, String displayName, String[] roles) {
        SignedIn known = lookUp(issuer, subject);
        if (known != null && known.displayName().equals(displayName) && java.util.Arrays.equals(known.roles, roles)) {
            return known; // the common case: one read, no write
        }
        // its own transaction: the account must exist even if the request's work rolls back
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                INSERT INTO accounts (issuer, subject, display_name, created_at, roles) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (issuer, subject) DO UPDATE SET display_name = EXCLUDED.display_name, roles = EXCLUDED.roles""")
                .setParameter(1, issuer).setParameter(2, subject).setParameter(3, displayName)
                .setParameter(4, OffsetDateTime.now()).setParameter(5, roles)
                .executeUpdate());
        return lookUp(issuer, subject);
    }

    /**
     * Runs on every signed-in request, so it is one plain statement on a connection handed back at
     * once (inside a transaction, the transaction's own). It was a query read as an unclosed
     * stream, which kept its connection until the request ended: the request's transaction then
     * needed a second one, and under load every thread held one and waited for another.
     */
    private SignedIn lookUp(String issuer, String subject) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT id, display_name, roles FROM accounts WHERE issuer = ? AND subject = ?")) {
            select.setString(1, issuer);
            select.setString(2, subject);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new SignedIn(row.getLong(1), row.getString(2), (String[]) row.getArray(3).getArray()) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the signed-in account", e);
        }
    }
}
