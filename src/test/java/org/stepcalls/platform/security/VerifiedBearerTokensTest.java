package org.stepcalls.platform.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.quarkus.oidc.TokenStateManager;
import io.quarkus.oidc.runtime.DefaultTokenStateManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;

/** The cache of verified tokens (bearer and browser sessions) never lets through what verifying would refuse. */
@QuarkusTest
class VerifiedBearerTokensTest {

    @Inject
    VerifiedBearerTokens tokens;

    @Inject
    DecryptedSessionCookies cookies;

    @Inject
    TokenStateManager stateManager;

    @OidcWireMock
    WireMockServer provider;

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
        long made = System.currentTimeMillis();
        String shortLived = token("ezra", SHORT_LIFETIME_SECONDS, "member");
        given().auth().oauth2(shortLived).get("/api/categories").then().statusCode(200);
        given().auth().oauth2(shortLived).get("/api/categories").then().statusCode(200);
        sleepPastExpiry(made);
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

    @Test
    void aTokenOnlyThePagesTenantAcceptsIsNotLetIntoTheApiFromTheCache() {
        // pages accept the client id as audience too; the API only STEPCALLS_TOKEN_AUDIENCE. A session
        // cookie's name sets OIDC's tenant-id attribute, so the cache must key by the tenant OIDC resolved.
        String pagesOnly = Jwt.preferredUserName("pia").subject("sub-pia").issuer(TestUsers.ISSUER).audience("quarkus-web-app")
                .groups(Set.of("member")).claim("typ", "Bearer").expiresIn(300).jws().keyId("1").sign("privateKey.jwk");
        given().auth().oauth2(pagesOnly).get("/").then().statusCode(200);
        given().auth().oauth2(pagesOnly).get("/").then().statusCode(200);
        given().auth().oauth2(pagesOnly).cookie("q_session", "x").get("/api/categories").then().statusCode(401);
        given().auth().oauth2(pagesOnly).get("/api/categories").then().statusCode(401);
    }

    @Test
    void twoPeoplesSessionsEachSeeTheirOwnName() {
        String first = signIn(idToken("nell", 300), accessToken("nell", 300, "member"));
        String second = signIn(idToken("otto", 300), accessToken("otto", 300, "member"));
        for (int i = 0; i < 3; i++) {
            // the menu's own entry, not the whole page: other tests' topics list authors with random letters
            assertThat(signedInAs(page(first))).isEqualTo("nell");
            assertThat(signedInAs(page(second))).isEqualTo("otto");
        }
    }

    @Test
    void aBrowserSessionSeenBeforeSignsInFromTheCache() {
        String session = signIn(idToken("sage", 300), accessToken("sage", 300, "member"));
        long hits = tokens.hits();
        assertThat(page(session)).contains("Sign out");
        assertThat(page(session)).contains("Sign out");
        assertThat(tokens.hits()).as("the session's tokens were not verified again").isGreaterThan(hits);
    }

    @Test
    void aTamperedSessionCookieNeverReachesTheCache() {
        String session = signIn(idToken("tess", 300), accessToken("tess", 300, "member"));
        assertThat(page(session)).contains("Sign out");
        String tampered = session.substring(0, session.length() - 8) + new StringBuilder(session.substring(session.length() - 8)).reverse();
        long hits = tokens.hits();
        Response refused = given().redirects().follow(false).cookie("q_session", tampered).get("/");
        assertThat(refused.asString()).doesNotContain("Sign out");
        assertThat(tokens.hits()).isEqualTo(hits);
    }

    @Test
    void aSessionCookieIsDecryptedOnceAndStillShowsItsOwnPerson() {
        String sam = signIn(idToken("sam", 300), accessToken("sam", 300, "member"));
        String sol = signIn(idToken("sol", 300), accessToken("sol", 300, "member"));
        assertThat(signedInAs(page(sam))).isEqualTo("sam");
        long hits = cookies.hits();
        assertThat(signedInAs(page(sam))).isEqualTo("sam");
        assertThat(signedInAs(page(sol))).isEqualTo("sol");
        assertThat(signedInAs(page(sam))).isEqualTo("sam");
        assertThat(cookies.hits()).as("a cookie decrypted before is not decrypted again").isGreaterThanOrEqualTo(hits + 2);
    }

    @Test
    void aTamperedSessionCookieIsDecryptedAndRefused() {
        String session = signIn(idToken("tam", 300), accessToken("tam", 300, "member"));
        assertThat(page(session)).contains("Sign out");
        for (int at : new int[] { 10, session.length() / 2, session.length() - 3 }) {
            char changed = session.charAt(at) == 'A' ? 'B' : 'A';
            String tampered = session.substring(0, at) + changed + session.substring(at + 1);
            long hits = cookies.hits();
            Response refused = given().redirects().follow(false).cookie("q_session", tampered).get("/");
            assertThat(refused.asString()).as("one character changed at " + at).doesNotContain("Sign out");
            assertThat(cookies.hits()).as("a changed cookie finds nothing remembered").isEqualTo(hits);
        }
        assertThat(signedInAs(page(session))).as("the real cookie still works").isEqualTo("tam");
    }

    @Test
    void anotherSpellingOfACookieIsNeverRemembered() {
        String session = signIn(idToken("val", 300), accessToken("val", 300, "member"));
        page(session);
        // a stray character the JWE parser skips: the same session spelt another way, endlessly many
        int tag = session.lastIndexOf('.');
        String respelt = session.substring(0, tag - 4) + "!" + session.substring(tag - 4);
        assertThat(signedInAs(page(respelt))).as("OIDC reads the respelt cookie as the same session").isEqualTo("val");
        long hits = cookies.hits();
        assertThat(signedInAs(page(respelt))).isEqualTo("val");
        assertThat(cookies.hits()).as("a non-canonical cookie is decrypted each time, never remembered").isEqualTo(hits);
    }

    /** OIDC encrypts each token once more unless the state manager is its own kind. */
    @Test
    void theSessionCookieIsEncryptedOnceAsOidcWritesIt() {
        assertThat(stateManager).as("what OIDC checks before choosing its cookie format").isInstanceOf(DefaultTokenStateManager.class);
        String idToken = idToken("una", 300);
        String accessToken = accessToken("una", 300, "member");
        String session = signIn(idToken, accessToken);
        int plain = idToken.length() + accessToken.length() + 100;
        assertThat(session.length()).as("one encryption of the tokens (base64: 4/3), not two")
                .isLessThan(plain * 3 / 2 + 400);
        assertThat(signedInAs(page(session))).isEqualTo("una");
    }

    @Test
    void signingOutForgetsTheDecryptedCookie() {
        String session = signIn(idToken("sid", 300), accessToken("sid", 300, "member"));
        page(session);
        page(session);
        given().redirects().follow(false).cookie("q_session", session).post("/logout").then().statusCode(302);
        long hits = cookies.hits();
        given().redirects().follow(false).cookie("q_session", session).get("/");
        assertThat(cookies.hits()).as("after signing out the old cookie is decrypted again, not remembered").isEqualTo(hits);
    }

    @Test
    void aSessionIsVerifiedAgainOnceItsAccessTokenExpires() throws InterruptedException {
        // roles come from the access token, so its exp bounds the entry even while the ID token lives on
        long made = System.currentTimeMillis();
        String session = signIn(idToken("skye", 300), accessToken("skye", SHORT_LIFETIME_SECONDS, "member"));
        page(session);
        long hits = tokens.hits();
        page(session);
        assertThat(tokens.hits()).isGreaterThan(hits);
        sleepPastExpiry(made);
        long before = tokens.hits();
        given().redirects().follow(false).cookie("q_session", session).get("/");
        assertThat(tokens.hits()).as("an expired session is not served from the cache").isEqualTo(before);
    }

    /**
     * Long enough for a sign-in and two pages on a slow machine (the issue time is rounded down to the
     * second, so a token lives up to a second less), short enough to wait out.
     */
    private static final int SHORT_LIFETIME_SECONDS = 6;

    /** Until a short-lived token made at {@code madeMillis} has surely expired: no clock skew is allowed. */
    private static void sleepPastExpiry(long madeMillis) throws InterruptedException {
        Thread.sleep(Math.max(0, madeMillis + SHORT_LIFETIME_SECONDS * 1000L + 1_500 - System.currentTimeMillis()));
    }

    private static String page(String session) {
        return given().redirects().follow(false).cookie("q_session", session).get("/").then().statusCode(200).extract()
                .asString();
    }

    /** The username in the menu's "your data" entry: who the page was rendered for. */
    private static String signedInAs(String page) {
        Matcher who = SIGNED_IN_AS.matcher(page);
        assertThat(who.find()).as("the page has a signed-in menu").isTrue();
        return who.group(1);
    }

    private static final Pattern SIGNED_IN_AS = Pattern.compile("class=\"who\">([^ <]+) · your data<");

    private static String idToken(String name, long lifetimeSeconds) {
        return Jwt.preferredUserName(name).subject("sub-" + name).issuer(TestUsers.ISSUER).audience("quarkus-web-app")
                .expiresIn(lifetimeSeconds).jws().keyId("1").sign("privateKey.jwk");
    }

    private static String accessToken(String name, long lifetimeSeconds, String... roles) {
        return token(name, lifetimeSeconds, roles);
    }

    /** A browser's sign-in through the provider, which answers the code with these tokens: the session cookie. */
    private String signIn(String idToken, String accessToken) {
        String code = "code-" + System.nanoTime();
        StubMapping stub = provider.stubFor(WireMock.post("/auth/realms/quarkus/token").atPriority(1)
                .withRequestBody(WireMock.containing("code=" + code))
                .willReturn(WireMock.okJson("{\"access_token\":\"" + accessToken + "\",\"id_token\":\"" + idToken
                        + "\",\"refresh_token\":\"refresh\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        try {
            CodeFlow flow = CodeFlow.start();
            Response callback = flow.returnToTheApp(flow.redirectUri + "?state=" + flow.state + "&code=" + code);
            assertThat(callback.statusCode()).isEqualTo(302);
            return callback.getCookie("q_session");
        } finally {
            provider.removeStub(stub);
        }
    }
}
