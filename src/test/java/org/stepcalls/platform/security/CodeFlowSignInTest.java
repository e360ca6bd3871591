package org.stepcalls.platform.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A browser's sign-in: the authorization-code flow through the (WireMock) provider's login page. */
@QuarkusTest
class CodeFlowSignInTest {

    @Test
    void signingInThroughTheProviderGivesAnHttpOnlySameSiteSessionCookie() {
        Map<String, String> cookies = new HashMap<>();
        Response challenge = given().redirects().follow(false).get("/login");
        assertThat(challenge.statusCode()).isEqualTo(302);
        cookies.putAll(challenge.getCookies());
        URI authorize = URI.create(challenge.getHeader("Location"));
        String state = query(authorize, "state");
        String redirectUri = query(authorize, "redirect_uri");

        // the provider's login form answers with a redirect back to us carrying a code
        Response login = given().redirects().follow(false).baseUri(authorize.getScheme() + "://" + authorize.getAuthority())
                .queryParam("username", "alice").queryParam("password", "alice")
                .queryParam("state", state).queryParam("redirect_uri", redirectUri)
                .get("/login");
        assertThat(login.statusCode()).isEqualTo(302);

        Response callback = given().redirects().follow(false).cookies(cookies).urlEncodingEnabled(false)
                .get(login.getHeader("Location"));
        assertThat(callback.statusCode()).isEqualTo(302);
        String sessionCookie = callback.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("q_session=")).findFirst().orElseThrow();
        assertThat(sessionCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");

        String home = given().cookie("q_session", callback.getCookie("q_session")).get("/").then().statusCode(200)
                .extract().asString();
        assertThat(home).contains("Sign out").contains("action=\"/logout\"");
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }
}
