package org.stepcalls.platform.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Creates the local account on first sign-in and keeps its display name and roles in step with the
 * token. The roles are remembered for work no request carries (a scheduled job telling coordinators).
 */
@ApplicationScoped
public class Accounts {

    /** What a request needs to know of its account. */
    public record SignedIn(long id, String displayName) {
    }

    private final EntityManager entityManager;
    private final AgroalDataSource dataSource;

    Accounts(EntityManager entityManager, AgroalDataSource dataSource) {
        this.entityManager = entityManager;
        this.dataSource = dataSource;
    }

    SignedIn findOrCreate(String issuer, String subject, String displayName, Set<Role> roles) {
        String[] roleNames = roles.stream().map(Role::claimValue).sorted().toArray(String[]::new);
        Known known = lookUp(issuer, subject);
        if (known != null && known.account().displayName().equals(displayName) && Arrays.equals(known.roles(), roleNames)) {
            return known.account(); // the common case: one read, no write
        }
        // its own transaction: the account must exist even if the request's work rolls back
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                INSERT INTO accounts (issuer, subject, display_name, created_at, roles) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (issuer, subject) DO UPDATE SET display_name = EXCLUDED.display_name, roles = EXCLUDED.roles""")
                .setParameter(1, issuer).setParameter(2, subject).setParameter(3, displayName)
                .setParameter(4, OffsetDateTime.now()).setParameter(5, roleNames)
                .executeUpdate());
        return lookUp(issuer, subject).account();
    }

    /** The accounts whose token carried {@code role} at their last request. */
    @SuppressWarnings("unchecked")
    public List<Long> withRole(Role role) {
        return ((List<Number>) entityManager.createNativeQuery("SELECT id FROM accounts WHERE ?1 = ANY(roles) ORDER BY id")
                .setParameter(1, role.claimValue()).getResultList()).stream().map(Number::longValue).toList();
    }

    private record Known(SignedIn account, String[] roles) {
    }

    /**
     * Runs on every signed-in request, so it is one plain statement on a connection handed back at
     * once (inside a transaction, the transaction's own). It was a query read as an unclosed
     * stream, which kept its connection until the request ended: the request's transaction then
     * needed a second one, and under load every thread held one and waited for another.
     */
    private Known lookUp(String issuer, String subject) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT id, display_name, roles FROM accounts WHERE issuer = ? AND subject = ?")) {
            select.setString(1, issuer);
            select.setString(2, subject);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new Known(new SignedIn(row.getLong(1), row.getString(2)),
                        (String[]) row.getArray(3).getArray()) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the signed-in account", e);
        }
    }
}
