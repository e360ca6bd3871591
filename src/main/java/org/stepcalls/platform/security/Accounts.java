package org.stepcalls.platform.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;
import org.stepcalls.platform.database.CachedTable;
import org.stepcalls.platform.database.TableChanges;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Creates the local account on first sign-in, with a username of its own, and keeps its display
 * name, e-mail address and roles in step with the token (the roles so that work no request carries
 * — a mention, the coordinators' digest, an expiry warning, a watched topic — can ask who may read
 * or who coordinates).
 *
 * <p>Every signed-in request needs its account, so the accounts read are kept until the accounts
 * table changes on any instance ({@link TableChanges}: a trigger announces each change on commit).
 * The token's name, address and roles are still compared with the kept ones on every request, so a
 * changed role is written and seen at the next token, as without the cache.
 */
@ApplicationScoped
public class Accounts {

    private static final Logger LOG = Logger.getLogger(Accounts.class);

    /** What a request needs to know of its account. */
    public record SignedIn(long id, String displayName, String username, String email, List<String> roles) {

        boolean sameAs(String otherName, String otherEmail, List<String> otherRoles) {
            return displayName.equals(otherName) && Objects.equals(email, otherEmail) && roles.equals(otherRoles);
        }
    }

    private static final int USERNAME_ATTEMPTS = 5;
    /** Far more than a helpline's volunteers; past it, accounts are read from the database as before. */
    private static final int KEPT_AT_MOST = 10_000;

    private final EntityManager entityManager;
    private final AgroalDataSource dataSource;
    private final Instance<UsernamePolicy> usernamePolicy;
    private final TransactionSynchronizationRegistry transactions;
    /** Keyed by issuer and subject; a fresh map whenever the accounts table changed. */
    private final CachedTable<Map<String, SignedIn>> kept;
    /** Moves on with every forgetting, so a read that overlapped one is not kept. */
    private final AtomicLong forgotten = new AtomicLong();
    /**
     * Whether each provider name seen shows contact details; in memory only, forgotten whenever the
     * accounts table changes on any instance (an erasure takes the erased person's name with it) and past
     * {@link #KEPT_AT_MOST}.
     */
    private final CachedTable<Map<String, Boolean>> namesRead;

    Accounts(EntityManager entityManager, AgroalDataSource dataSource, Instance<UsernamePolicy> usernamePolicy,
            TransactionSynchronizationRegistry transactions, TableChanges tableChanges) {
        this.entityManager = entityManager;
        this.dataSource = dataSource;
        this.usernamePolicy = usernamePolicy;
        this.transactions = transactions;
        this.kept = tableChanges.cache("accounts");
        this.namesRead = tableChanges.cache("accounts");
    }

    /**
     * For whoever changes an account's row (its username, its erasure): this instance forgets it as
     * soon as the change commits, not a few milliseconds later when the table's notification arrives,
     * so the owner's very next request sees the change. Call it inside the changing transaction.
     */
    public void forgetOnCommit(long accountId) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    forgotten.incrementAndGet();
                    keptAccounts().values().removeIf(account -> account.id() == accountId);
                    namesRead.forget(); // which of them was this account's is not known here
                }
            }
        });
    }

    private Map<String, SignedIn> keptAccounts() {
        return kept.get(ConcurrentHashMap::new);
    }

    private Map<String, Boolean> namesReadNow() {
        return namesRead.get(ConcurrentHashMap::new);
    }

    SignedIn findOrCreate(String issuer, String subject, String displayName, String usernameHint, String email,
            List<String> roles) {
        List<String> sortedRoles = roles.stream().sorted().toList();
        Map<String, SignedIn> keptNow = keptAccounts();
        String key = issuer + '\n' + subject;
        SignedIn remembered = keptNow.get(key);
        if (remembered != null && remembered.sameAs(shownName(displayName, remembered.username()), email, sortedRoles)) {
            return remembered; // the common case: nothing read, nothing written
        }
        long forgottenBefore = forgotten.get();
        SignedIn known = lookUp(issuer, subject);
        if (known != null && known.sameAs(shownName(displayName, known.username()), email, sortedRoles)) {
            // not kept: a row read inside a transaction may never commit, and a row read before a
            // forgetting committed may be the very one it forgot
            if (keptNow.size() < KEPT_AT_MOST && transactions.getTransactionKey() == null
                    && forgotten.get() == forgottenBefore) {
                keptNow.put(key, known);
            }
            return known; // one read, no write
        }
        if (known != null) {
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                    "UPDATE accounts SET display_name = ?1, email = NULLIF(?2, ''), roles = string_to_array(?3, ',') WHERE id = ?4")
                    .setParameter(1, shownName(displayName, known.username())).setParameter(2, email == null ? "" : email)
                    .setParameter(3, String.join(",", sortedRoles)).setParameter(4, known.id()).executeUpdate());
            return lookUp(issuer, subject);
        }
        for (int attempt = 1;; attempt++) {
            try {
                String username = freeUsername(usernameHint);
                String shown = shownName(displayName, username);
                // its own transaction: the account must exist even if the request's work rolls back
                QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        INSERT INTO accounts (issuer, subject, display_name, created_at, username, email, roles)
                        VALUES (?1, ?2, ?3, ?4, ?5, NULLIF(?6, ''), string_to_array(?7, ','))
                        ON CONFLICT (issuer, subject) DO UPDATE SET display_name = CASE WHEN ?8 THEN accounts.username
                            ELSE EXCLUDED.display_name END,
                            email = EXCLUDED.email, roles = EXCLUDED.roles""")
                        .setParameter(1, issuer).setParameter(2, subject).setParameter(3, shown)
                        .setParameter(4, OffsetDateTime.now()).setParameter(5, username)
                        .setParameter(6, email == null ? "" : email).setParameter(7, String.join(",", sortedRoles))
                        .setParameter(8, !shown.equals(displayName))
                        .executeUpdate());
                return lookUp(issuer, subject);
            } catch (RuntimeException e) { // the username was taken between our read and our write
                if (attempt == USERNAME_ATTEMPTS) {
                    throw e; // someone else took each name we chose, five times over: not a race any more
                }
            }
        }
    }

    /**
     * The name shown for an account: the identity provider's, unless it shows a phone number or an
     * e-mail address (R16: a member can set their own name at the provider, and a provider without
     * a {@code name} claim gives the username, often an address) — then the account's username,
     * which never does.
     */
    private String shownName(String providerName, String username) {
        return showsContactDetails(providerName) ? username : providerName;
    }

    /** Every request passes here: the redactor reads each name once, then it is remembered. */
    private boolean showsContactDetails(String name) {
        Map<String, Boolean> read = namesReadNow();
        Boolean shows = read.get(name);
        if (shows == null) {
            if (read.size() >= KEPT_AT_MOST) {
                read.clear();
            }
            shows = policy().showsContactDetails(name);
            read.put(name, shows);
        }
        return shows;
    }

    /** {@code providerName} when it has been read and shows no contact details; else "" (where nothing may be read now). */
    String nameIfReadClean(String providerName) {
        return Boolean.FALSE.equals(namesReadNow().get(providerName)) ? providerName : "";
    }

    /**
     * Names stored before they were read for contact details, or by an older version, are read once
     * at start: one that shows a number or an address gives way to the username (R16) — an account
     * that never signs in again would otherwise show it for ever. Two instances starting together
     * write the same.
     */
    void readStoredNames(@Observes StartupEvent event) {
        try {
            reviewStoredNames();
        } catch (IllegalStateException e) {
            // the forum still starts; the names are read again at the next start and at each sign-in
            String state = e.getCause() instanceof SQLException sql ? sql.getSQLState() : "?";
            LOG.warnf("Stored names were not read for contact details at start (SQL state %s)", state);
        }
    }

    /** How many stored names showed contact details and now show the username instead. */
    public int reviewStoredNames() {
        int replaced = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT id, display_name FROM accounts WHERE issuer <> 'erased'");
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE accounts SET display_name = username WHERE id = ? AND display_name = ?");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String name = rows.getString(2);
                if (showsContactDetails(name)) {
                    update.setLong(1, rows.getLong(1));
                    update.setString(2, name);
                    replaced += update.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the stored names", e);
        }
        return replaced;
    }

    private UsernamePolicy policy() {
        return usernamePolicy.isResolvable() ? usernamePolicy.get() : candidate -> false;
    }

    /** The accounts whose token carried {@code role} at their last request. */
    @SuppressWarnings("unchecked")
    public List<Long> withRole(Role role) {
        return ((List<Number>) entityManager.createNativeQuery("SELECT id FROM accounts WHERE ?1 = ANY(roles) ORDER BY id")
                .setParameter(1, role.claimValue()).getResultList()).stream().map(Number::longValue).toList();
    }

    /** The account an API key acts as (its identity provider has found it). */
    SignedIn byId(long id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT id, display_name, username, email, array_to_string(roles, ',') FROM accounts WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("The account of this API key is gone");
                }
                return signedIn(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the signed-in account", e);
        }
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
                        "SELECT id, display_name, username, email, array_to_string(roles, ',') FROM accounts WHERE issuer = ? AND subject = ?")) {
            select.setString(1, issuer);
            select.setString(2, subject);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? signedIn(row) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the signed-in account", e);
        }
    }

    /** The first free of base, base1, base2, … where base comes from the token's name (Discourse's way). */
    private String freeUsername(String hint) {
        String base = UsernameSuggester.base(hint, policy());
        Set<String> taken = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT lower(username) FROM accounts WHERE lower(username) LIKE ? ESCAPE '!'")) {
            select.setString(1, base.toLowerCase().replace("!", "!!").replace("_", "!_").replace("%", "!%") + "%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    taken.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the usernames in use", e);
        }
        return UsernameSuggester.firstFree(base, taken);
    }

    private static SignedIn signedIn(ResultSet row) throws SQLException {
        return new SignedIn(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), roles(row.getString(5)));
    }

    /** Roles are our own role names (lowercase words), so joined by commas they split back exactly. */
    private static List<String> roles(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }
}
