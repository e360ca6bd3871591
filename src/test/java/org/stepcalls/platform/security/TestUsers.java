package org.stepcalls.platform.security;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;

/**
 * Signed access tokens from the WireMock OIDC server, one fictional person per role. Roles travel
 * in the {@code groups} claim, as with the dev provider and many IdPs.
 */
public final class TestUsers {

    /** The issuer and audience of the WireMock server's tokens (application.properties, %test). */
    static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "https://server.example.com";

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

    /**
     * A token for {@code name} (also its subject) holding exactly these roles. It lasts hours, not
     * the provider's default five minutes: a token kept in a static field (ListFixtures.COORDINATOR)
     * is used for the whole run, which on a busy machine lasts longer than that.
     */
    public static String token(String name, String... roles) {
        // the claims OidcWiremockTestResource.generateJwtToken gives, with a longer life
        return Jwt.preferredUserName(name).groups(Set.of(roles)).issuer(ISSUER).audience(Set.of(AUDIENCE))
                .claim("sid", "session-id").subject("sub-" + name).claim("typ", "Bearer")
                .expiresIn(java.time.Duration.ofHours(4)).jws().keyId("1").sign("privateKey.jwk");
    }

    /** A token the same provider issued to another client: signed and valid, but not for us. */
    public static String forAudience(String audience, String name, String... roles) {
        return OidcWiremockTestResource.generateJwtToken(name, Set.of(roles), "sub-" + name, "Bearer", Set.of(audience));
    }

    /**
     * A token with roles in Keycloak's {@code realm_access/roles} and none in {@code groups},
     * signed with the WireMock server's key.
     */
    public static String withRealmRoles(String audience, String name, String... roles) {
        return Jwt.preferredUserName(name).subject("sub-" + name).issuer(ISSUER).audience(audience)
                .claim("realm_access", Map.of("roles", List.of(roles))).claim("typ", "Bearer")
                .jws().keyId("1").sign("privateKey.jwk");
    }

    /** Roles in {@code groups} only, for the given audience. */
    public static String withGroups(String audience, String name, String... roles) {
        return Jwt.preferredUserName(name).subject("sub-" + name).issuer(ISSUER).audience(audience)
                .groups(Set.of(roles)).claim("typ", "Bearer").jws().keyId("1").sign("privateKey.jwk");
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
