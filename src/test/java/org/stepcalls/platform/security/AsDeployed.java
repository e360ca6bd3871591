package org.stepcalls.platform.security;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The app as a helpline deploys it: roles from the production default claim (Keycloak's
 * {@code realm_access/roles}), an https public address behind a TLS proxy, and a warm-up before
 * it reports ready (shortened). One of two extra test profiles (each restarts the app; the other,
 * {@link WarmUpKeyOverHttpTest.WarmingUp}, only lengthens the warm-up).
 */
public class AsDeployed implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("stepcalls.roles-claim", "realm_access/roles",
                "stepcalls.public-url", "https://stepcalls.example.org", "stepcalls.warm-up", "10s");
    }
}
