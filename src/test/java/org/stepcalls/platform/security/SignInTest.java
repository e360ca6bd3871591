package org.stepcalls.platform.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
class SignInTest {

    @Test
    void apiCallWithoutTokenGets401JsonNotARedirect() {
        given().redirects().follow(false)
                .when().get("/api/categories")
                .then().statusCode(401)
                .contentType("application/json")
                .body("error", equalTo("not_signed_in"));
    }

    @Test
    void apiCallWithAForgedTokenIsRefused() {
        String token = TestUsers.member("mallory");
        int i = token.length() - 20; // inside the signature, away from its padding bits
        String forged = token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1);
        given().redirects().follow(false).header("Authorization", TestUsers.bearer(forged))
                .when().get("/api/categories")
                .then().statusCode(401)
                .contentType("application/json")
                .body("error", equalTo("not_signed_in"));
    }

    @Test
    void apiRefusesATokenTheProviderIssuedToAnotherClient() {
        String token = TestUsers.forAudience("another-app", "oswin", "admin", "member");
        given().redirects().follow(false).header("Authorization", TestUsers.bearer(token))
                .when().get("/api/categories")
                .then().statusCode(401)
                .contentType("application/json")
                .body("error", equalTo("not_signed_in"));
    }

    @Test
    void pagesRefuseATokenTheProviderIssuedToAnotherClient() {
        String token = TestUsers.forAudience("another-app", "oswin", "admin", "member");
        given().redirects().follow(false).header("Authorization", TestUsers.bearer(token))
                .when().get("/c/general")
                .then().statusCode(401);
        given().redirects().follow(false).header("Authorization", TestUsers.bearer(TestUsers.member("oswin")))
                .when().get("/c/general")
                .then().statusCode(200);
    }

    /** The test configuration names {@code groups} alone (the WireMock tokens' claim): other claims grant nothing. */
    @Test
    void rolesComeOnlyFromTheClaimsConfigured() {
        String realmAdmin = TestUsers.withRealmRoles(TestUsers.AUDIENCE, "reyna", "admin", "member");
        given().header("Authorization", TestUsers.bearer(realmAdmin)).when().get("/api/audit").then().statusCode(403);
        String groupsAdmin = TestUsers.withGroups(TestUsers.AUDIENCE, "reyna", "admin", "member");
        given().header("Authorization", TestUsers.bearer(groupsAdmin)).when().get("/api/audit").then().statusCode(200);
    }

    @Test
    void withoutAnHttpsAddressNoStrictTransportSecurityIsSent() {
        given().when().get("/").then().statusCode(200).header("Strict-Transport-Security", nullValue());
    }

    @Test
    void pageNeedingSignInRedirectsToTheIdentityProvider() {
        given().redirects().follow(false)
                .when().get("/c/general")
                .then().statusCode(302)
                .header("Location", startsWith(RestAssured.baseURI.startsWith("http") ? "http" : ""));
    }

    @Test
    void signedOutVisitorSeesAWelcomeWithASignInLink() {
        String html = given().when().get("/").then().statusCode(200).extract().asString();
        assertThat(html).contains("href=\"/login\"").doesNotContain("Sign out");
    }

    @Test
    void firstSignInCreatesOneAccountKeyedByIssuerAndSubject() {
        String token = TestUsers.member("nadia");
        given().header("Authorization", TestUsers.bearer(token)).when().get("/api/categories").then().statusCode(200);
        given().header("Authorization", TestUsers.bearer(token)).when().get("/api/categories").then().statusCode(200);
        long accounts = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> Account.count("subject", "sub-nadia"));
        assertThat(accounts).isEqualTo(1);
        Account account = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> Account.<Account> find("subject", "sub-nadia").firstResult());
        assertThat(account.issuer).isNotBlank();
        assertThat(account.displayName).isEqualTo("nadia");
    }
}
