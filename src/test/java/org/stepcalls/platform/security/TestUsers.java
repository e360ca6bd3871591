package org.stepcalls.platform.security;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;

/**
 * Signed access tokens from the WireMock OIDC server, one fictional person per role. Roles travel
 * in the {@code groups} claim, as with the dev provider and many IdPs; each carries an {@code email}
 * ({@link #email}), so e-mails follow every test's events.
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
        return Jwt.preferredUserName(name).groups(Set.of(roles)).issuer(ISSUER).audience(Set.of(AUDIENCE))
                .claim("sid", "session-id").subject("sub-" + name).claim("typ", "Bearer").claim("email", email(name))
                .expiresIn(java.time.Duration.ofHours(4)).jws().keyId("1").sign("privateKey.jwk");
    }

    /** {@code name}'s account signing in under another name, as after a change at the identity provider. */
    public static String renamed(String name, String newName, String... roles) {
        return Jwt.preferredUserName(newName).groups(Set.of(roles)).issuer(ISSUER).audience(Set.of(AUDIENCE))
                .claim("sid", "session-id").subject("sub-" + name).claim("typ", "Bearer").claim("email", email(name))
                .expiresIn(java.time.Duration.ofHours(4)).jws().keyId("1").sign("privateKey.jwk");
    }

    /** The same without an address: no e-mail reaches this person. */
    public static String withoutEmail(String name, String... roles) {
        return Jwt.preferredUserName(name).groups(Set.of(roles)).issuer(ISSUER).audience(Set.of(AUDIENCE))
                .claim("sid", "session-id").subject("sub-" + name).claim("typ", "Bearer")
                .expiresIn(java.time.Duration.ofHours(4)).jws().keyId("1").sign("privateKey.jwk");
    }

    /**
     * A token that lasts the whole test run (two hours), for a fixture that keeps one in a constant:
     * the provider's default five minutes ran out before a slow machine's run did.
     */
    public static String forTheWholeRun(String name, String... roles) {
        return Jwt.preferredUserName(name).subject("sub-" + name).issuer(ISSUER).audience(AUDIENCE).groups(Set.of(roles))
                .claim("typ", "Bearer").expiresIn(java.time.Duration.ofHours(2)).jws().keyId("1").sign("privateKey.jwk");
    }

    /** The address in {@code name}'s tokens (example.org, reserved for examples). */
    public static String email(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "@example.org";
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
