package org.stepcalls.platform.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;

/** The cache of verified bearer tokens never lets through what verifying would refuse. */
@QuarkusTest
class VerifiedBearerTokensTest {

    @Inject
    VerifiedBearerTokens tokens;

    private static String token(String name, long lifetimeSeconds, String... roles) {
        return Jwt.preferredUserName(name).subject("sub-" + name).issuer(TestUsers.ISSUER).audience(TestUsers.AUDIENCE)
                .groups(Set.of(roles)).claim("typ", "Bearer").expiresIn(lifetimeSeconds).jws().keyId("1")
                .sign("privateKey.jwk");
    }

    @Test
    void aTokenSeenBeforeSignsInFromTheCacheAsTheSamePerson() {
        String token = TestUsers.member("vera");
        long hits = tokens.hits();
        String created = given().auth().oauth2(token).get("/api/me/data").then().statusCode(200).extract().path("accountCreatedAt");
        given().auth().oauth2(token).get("/api/me/data").then().statusCode(200).body("accountCreatedAt", equalTo(created))
                .body("displayName", equalTo("vera"));
        assertThat(tokens.hits()).as("the second request was not verified again").isGreaterThan(hits);
    }

    @Test
    void anExpiredTokenIsRefusedAtOnceThoughItWasCached() throws InterruptedException {
        String shortLived = token("ezra", 3, "member");
        given().auth().oauth2(shortLived).get("/api/categories").then().statusCode(200);
        given().auth().oauth2(shortLived).get("/api/categories").then().statusCode(200);
        Thread.sleep(4_500);
        given().auth().oauth2(shortLived).get("/api/categories").then().statusCode(401);
    }

    @Test
    void aChangedRoleIsSeenWithTheNextToken() {
        String before = token("rowan", 300, "member");
        given().auth().oauth2(before).get("/api/volunteers").then().statusCode(403);
        given().auth().oauth2(before).get("/api/volunteers").then().statusCode(403); // from the cache, still a member
        String after = token("rowan", 300, "member", "coordinator");
        given().auth().oauth2(after).get("/api/volunteers").then().statusCode(200);
    }

    @Test
    void aTamperedCopyOfACachedTokenIsVerifiedAndRefused() {
        String token = TestUsers.member("tam");
        given().auth().oauth2(token).get("/api/categories").then().statusCode(200);
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        given().auth().oauth2(tampered).get("/api/categories").then().statusCode(401);
    }
}
