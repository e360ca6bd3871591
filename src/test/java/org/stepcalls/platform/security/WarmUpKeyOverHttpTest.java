package org.stepcalls.platform.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

/** The warm-up key over HTTP: the latest page's first screen as nobody, nothing else, and nothing once retired. */
@QuarkusTest
@TestProfile(WarmUpKeyOverHttpTest.WarmingUp.class)
class WarmUpKeyOverHttpTest {

    /** As deployed, with a warm-up long enough to still be on while this test runs. */
    public static class WarmingUp extends AsDeployed {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("stepcalls.warm-up", "5m");
            return config;
        }
    }

    @Inject
    Nobody nobody;

    @Test
    void opensTheLatestPageAsAMemberWithNoAccountAndNothingElse() {
        String key = nobody.liveWarmUpKey();
        assertThat(key).as("the warm-up is on").isNotNull();

        withKey(key).accept("text/html").get("/").then().statusCode(200)
                .body(containsString("Nobody · your data"), containsString("Sign out"), not(containsString("Sign in")),
                        not(containsString("New call")), not(containsString("Your profile"))); // a member, no account
        withKey(key + "x").get("/").then().statusCode(401);
        withKey("").get("/").then().statusCode(401);
        for (String elsewhere : List.of("/?before=2026-12-01", "/latest.json", "/me/data", "/api/me/data", "/search?q=kettle",
                "/c/general", "/notifications", "/calls/mine")) {
            withKey(key).get(elsewhere).then().statusCode(401);
        }
        withKey(key).head("/").then().statusCode(401);
        withKey(key).contentType("application/x-www-form-urlencoded").formParam("title", "A topic by nobody").post("/")
                .then().statusCode(401);
        withKey(key + "x").auth().oauth2(TestUsers.member("vera")).get("/").then().statusCode(401); // the header decides

        nobody.retireWarmUpKey();
        withKey(key).get("/").then().statusCode(401);
        given().redirects().follow(false).get("/").then().statusCode(200).body(containsString("Sign in"));
    }

    private static RequestSpecification withKey(String key) {
        return given().redirects().follow(false).header(WarmUpKeyMechanism.HEADER, key);
    }
}
