package org.stepcalls.platform.security;

import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is making this request: their roles from the token and their local account, created on
 * first sign-in. Templates reach it as {@code inject:currentUser}.
 */
@RequestScoped
@Named("currentUser")
public class CurrentUser {

    private static final int MAX_DISPLAY_NAME = 80;

    @Inject
    SecurityIdentity identity;

    @Inject
    Accounts accounts;

    private Set<Role> roles;
    private Accounts.SignedIn account;

    public boolean isSignedIn() {
        return !identity.isAnonymous();
    }

    public Set<Role> roles() {
        if (roles == null) {
            EnumSet<Role> found = EnumSet.noneOf(Role.class);
            if (isSignedIn()) {
                identity.getRoles().forEach(name -> Role.fromClaim(name).ifPresent(found::add));
            }
            roles = found;
        }
        return roles;
    }

    public boolean has(Role role) {
        return roles().contains(role);
    }

    /** For templates: {@code currentUser.hasRole('coordinator')}. */
    public boolean hasRole(String claimValue) {
        return Role.fromClaim(claimValue).map(this::has).orElse(false);
    }

    /** The local account; only for a signed-in user. */
    public Accounts.SignedIn account() {
        if (!isSignedIn()) {
            throw new IllegalStateException("No account for a signed-out visitor");
        }
        if (account == null && identity.getPrincipal() instanceof Nobody.NobodyPrincipal) {
            account = Nobody.ACCOUNT; // the warm-up's member: no account to find, none to make
        }
        if (account == null && identity.getPrincipal() instanceof ApiKeyPrincipal key) {
            account = accounts.byId(key.accountId()); // a key acts as an existing account, never makes one
        }
        if (account == null) {
            account = accounts.findOrCreate(issuer(), subject(), displayNameFromToken(), usernameHint(),
                    EmailClaim.of(identity.getPrincipal()), roles().stream().map(Role::claimValue).sorted().toList());
        }
        return account;
    }

    /**
     * Whether this request came with an API key rather than a sign-in at the identity provider: an
     * admin's key may name any user, so what only a call's opener may see never opens for one.
     */
    public boolean signedInWithApiKey() {
        return identity.getPrincipal() instanceof ApiKeyPrincipal;
    }

    /** This request's asker, for {@code Permissions}. */
    public Viewer viewer() {
        return isSignedIn() ? new Viewer(account().id(), roles(), signedInWithApiKey()) : Viewer.SIGNED_OUT;
    }

    /**
     * Pages rendered on an I/O thread (errors for unmatched paths) may not query: they take the
     * token's name, and only once it has been read clean of contact details (R16), else none.
     */
    public String displayName() {
        if (!isSignedIn()) {
            return "";
        }
        return io.vertx.core.Context.isOnEventLoopThread() && account == null ? accounts.nameIfReadClean(displayNameFromToken())
                : account().displayName();
    }

    /** The signed-in person's username, for links to their profile; "" where a page may not query. */
    public String username() {
        if (!isSignedIn() || io.vertx.core.Context.isOnEventLoopThread() && account == null) {
            return "";
        }
        return account().username();
    }

    private String issuer() {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getIssuer() != null) {
            return DevProvider.stableIssuer(token.getIssuer(), LaunchMode.current());
        }
        return "local";
    }

    private String subject() {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
            return token.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    private String displayNameFromToken() {
        String name = null;
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            name = firstNonBlank(token.getClaim("name"), token.getClaim("preferred_username"), token.getName());
        }
        if (name == null) {
            name = identity.getPrincipal().getName();
        }
        name = name == null || name.isBlank() ? "Member" : name.strip();
        return name.length() > MAX_DISPLAY_NAME ? name.substring(0, MAX_DISPLAY_NAME) : name;
    }

    /** What a new account's username is made from: the provider's username, else the name, else the subject. */
    private String usernameHint() {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            return firstNonBlank(token.getClaim("preferred_username"), token.getClaim("name"), token.getSubject());
        }
        return identity.getPrincipal().getName();
    }

    private static String firstNonBlank(Object... candidates) {
        for (Object candidate : candidates) {
            if (candidate != null && !candidate.toString().isBlank()) {
                return candidate.toString();
            }
        }
        return null;
    }
}
