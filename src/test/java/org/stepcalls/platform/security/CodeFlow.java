package org.stepcalls.platform.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.restassured.response.Response;

/** A browser's authorization-code sign-in, step by step, against the WireMock provider's login page. */
final class CodeFlow {

    final Response challenge;
    final String state;
    final String redirectUri;
    private final Map<String, String> cookies = new HashMap<>();
    private final URI authorize;

    private CodeFlow(Response challenge) {
        this.challenge = challenge;
        cookies.putAll(challenge.getCookies());
        authorize = URI.create(challenge.getHeader("Location"));
        state = query(authorize, "state");
        redirectUri = query(authorize, "redirect_uri");
    }

    /** A signed-out visit to /login: the app's redirect to the provider. */
    static CodeFlow start() {
        Response challenge = given().redirects().follow(false).get("/login");
        assertThat(challenge.statusCode()).isEqualTo(302);
        return new CodeFlow(challenge);
    }

    /** The provider's login form, answered: its redirect back to the app, with a code. */
    String signInAtTheProvider(String user) {
        Response login = given().redirects().follow(false).baseUri(authorize.getScheme() + "://" + authorize.getAuthority())
                .queryParam("username", user).queryParam("password", user)
                .queryParam("state", state).queryParam("redirect_uri", redirectUri)
                .get("/login");
        assertThat(login.statusCode()).isEqualTo(302);
        return login.getHeader("Location");
    }

    /** The browser following the provider back to the app, with the state cookie. */
    Response returnToTheApp(String callbackUrl) {
        return given().redirects().follow(false).cookies(cookies).urlEncodingEnabled(false).get(callbackUrl);
    }

    /** The Set-Cookie header of the cookie whose name starts with {@code prefix}. */
    static String setCookie(Response response, String prefix) {
        return response.getHeaders().getValues("Set-Cookie").stream().filter(c -> c.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " cookie set"));
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }
}
