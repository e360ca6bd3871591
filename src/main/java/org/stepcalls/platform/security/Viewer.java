package org.stepcalls.platform.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who is asking, as permission checks need it: an account id (null when signed out), roles, and
 * whether through an API key — which an admin made and saw, and which may name anyone, so it never
 * moderates and never writes on a feature's board ({@code forum.Permissions}).
 */
public record Viewer(Long accountId, Set<Role> roles, boolean viaApiKey) {

    public Viewer(Long accountId, Set<Role> roles) {
        this(accountId, roles, false);
    }

    public static final Viewer SIGNED_OUT = new Viewer(null, Set.of());

    public static Viewer of(long accountId, Role... roles) {
        return new Viewer(accountId, roles.length == 0 ? Set.of() : EnumSet.of(roles[0], roles));
    }

    /** An account as its stored roles make it (the {@code accounts.roles} column), for asking on its behalf. */
    public static Viewer withStoredRoles(long accountId, String[] roleNames) {
        return new Viewer(accountId, Role.allOf(roleNames));
    }

    public boolean isSignedIn() {
        return accountId != null;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Collection<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    public boolean is(long otherAccountId) {
        return accountId != null && accountId == otherAccountId;
    }
}
