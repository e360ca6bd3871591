package org.stepcalls.platform.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Sign-in with the production roles claim, behind an https address. */
@QuarkusTest
@TestProfile(AsDeployed.class)
class AsDeployedSignInTest {

    @Test
    void rolesInGroupsGrantNothingWhenTheClaimIsNotNamed() {
        String groupsAdmin = TestUsers.withGroups(TestUsers.AUDIENCE, "gale", "admin", "member");
        given().auth().oauth2(groupsAdmin).get("/api/audit").then().statusCode(403);
        String realmAdmin = TestUsers.withRealmRoles(TestUsers.AUDIENCE, "rhea", "admin", "member");
        given().auth().oauth2(realmAdmin).get("/api/audit").then().statusCode(200);
    }

    @Test
    void behindHttpsEveryCookieIsSecureAndHstsIsSent() {
        CodeFlow flow = CodeFlow.start();
        assertThat(flow.redirectUri).startsWith("https://");
        assertThat(CodeFlow.setCookie(flow.challenge, "q_auth")).containsIgnoringCase("; Secure");

        // the proxy hands the browser's https return to the app over plain http
        String callback = flow.signInAtTheProvider("alice").replaceFirst("^https://", "http://");
        Response signedIn = flow.returnToTheApp(callback);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(CodeFlow.setCookie(signedIn, "q_session=")).containsIgnoringCase("; Secure")
                .containsIgnoringCase("HttpOnly");

        Response form = given().auth().oauth2(TestUsers.withRealmRoles(TestUsers.AUDIENCE, "rhea", "member"))
                .get("/new-topic");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(CodeFlow.setCookie(form, "stepcalls-csrf=")).containsIgnoringCase("; Secure");

        given().get("/").then().statusCode(200).header("Strict-Transport-Security", "max-age=31536000");
    }
}
