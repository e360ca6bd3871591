package org.stepcalls.platform.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The roles a token can carry (MISSION.md "The people"). A person may hold several. */
public enum Role {
    MEMBER("member"),
    HELPLINER("helpliner"),
    COORDINATOR("coordinator"),
    ADMIN("admin");

    private final String claimValue;

    Role(String claimValue) {
        this.claimValue = claimValue;
    }

    /** The role's name as tokens and the database carry it. */
    public String claimValue() {
        return claimValue;
    }

    public static Optional<Role> fromClaim(String value) {
        for (Role role : values()) {
            if (role.claimValue.equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The roles among stored claim values (a category's, an account's); values no role has are left out. */
    public static Set<Role> allOf(String[] claimValues) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String value : claimValues) {
            fromClaim(value).ifPresent(roles::add);
        }
        return roles;
    }
}
