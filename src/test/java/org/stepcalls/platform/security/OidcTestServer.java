package org.stepcalls.platform.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Starts the WireMock OIDC server once for the whole test run. {@code @QuarkusTestResource}
 * applies to every test class (STACK.md: the per-class variant broke the next class).
 */
@QuarkusTestResource(OidcWiremockTestResource.class)
public class OidcTestServer {
}
