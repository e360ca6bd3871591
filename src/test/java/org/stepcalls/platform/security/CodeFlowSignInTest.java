package org.stepcalls.platform.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;

/** A browser's sign-in: the authorization-code flow through the (WireMock) provider's login page. */
@QuarkusTest
class CodeFlowSignInTest {

    @OidcWireMock
    WireMockServer provider;

    @Test
    void signingInThroughTheProviderGivesAnHttpOnlySameSiteSessionCookie() {
        CodeFlow flow = CodeFlow.start();
        Response callback;
        // the provider's own answer holds tokens made when it started: five minutes later a slow run would get 401
        StubMapping fresh = freshTokens(TestUsers.AUDIENCE, "");
        try {
            callback = flow.returnToTheApp(flow.signInAtTheProvider("alice"));
        } finally {
            provider.removeStub(fresh);
        }
        assertThat(callback.statusCode()).isEqualTo(302);
        String sessionCookie = CodeFlow.setCookie(callback, "q_session=");
        // plain http, no https public address: not Secure, or the browser would drop it
        assertThat(sessionCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .doesNotContainIgnoringCase("Secure");

        String home = given().cookie("q_session", callback.getCookie("q_session")).get("/").then().statusCode(200)
                .extract().asString();
        assertThat(home).contains("Sign out").contains("action=\"/logout\"");
    }

    /** The provider answers the code with a valid ID token and an access token for the given audience. */
    @Test
    void signInIsRefusedWhenTheAccessTokenIsForAnotherClient() {
        Response refused = returnWithAccessTokenFor("another-app");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.getHeaders().getValues("Set-Cookie")).noneMatch(c -> c.startsWith("q_session="));

        Response accepted = returnWithAccessTokenFor(TestUsers.AUDIENCE); // the same, for this app: signed in
        assertThat(accepted.statusCode()).isEqualTo(302);
        assertThat(CodeFlow.setCookie(accepted, "q_session=")).isNotBlank();
    }

    private Response returnWithAccessTokenFor(String audience) {
        String code = "code-for-" + audience.replaceAll("\\W", "-");
        StubMapping stub = freshTokens(audience, "code=" + code);
        try {
            CodeFlow flow = CodeFlow.start();
            return flow.returnToTheApp(flow.redirectUri + "?state=" + flow.state + "&code=" + code);
        } finally {
            provider.removeStub(stub);
        }
    }

    /** The provider's token endpoint answering {@code codeParameter} (any code when empty) with tokens made now. */
    private StubMapping freshTokens(String audience, String codeParameter) {
        String accessToken = OidcWiremockTestResource.generateJwtToken("alice", Set.of("admin", "member"), "123456", "Bearer",
                Set.of(audience));
        String idToken = OidcWiremockTestResource.getIdToken("alice", Set.of("admin", "member"), "quarkus-web-app");
        return provider.stubFor(WireMock.post("/auth/realms/quarkus/token").atPriority(1)
                .withRequestBody(WireMock.containing(codeParameter))
                .willReturn(WireMock.okJson("{\"access_token\":\"" + accessToken + "\",\"id_token\":\"" + idToken
                        + "\",\"refresh_token\":\"refresh\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
    }
}
