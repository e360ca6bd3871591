package org.stepcalls.platform.security;

import java.util.Set;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Signed access tokens from the WireMock OIDC server, one fictional person per role. Roles travel
 * in the {@code groups} claim, as with the dev provider and many IdPs.
 */
public final class TestUsers {

    private TestUsers() {
    }

    public static String member(String name) {
        return token(name, "member");
    }

    public static String helpliner(String name) {
        return token(name, "helpliner", "member");
    }

    public static String coordinator(String name) {
        return token(name, "coordinator", "member");
    }

    public static String admin(String name) {
        return token(name, "admin", "member");
    }

    /** A token for {@code name} (also its subject) holding exactly these roles. */
    public static String token(String name, String... roles) {
        return OidcWiremockTestResource.generateJwtToken(name, Set.of(roles), "sub-" + name, "Bearer");
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
