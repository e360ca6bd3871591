package org.stepcalls.platform.web;

import java.net.URI;
import java.util.Map;

/**
 * What changes when the app is published at an https address behind a TLS-terminating proxy: the
 * app itself still speaks plain HTTP to the proxy, so it cannot tell from the connection that its
 * cookies travel over TLS — the public address says so.
 */
public final class HttpsDeployment {

    /** One year: browsers then refuse plain HTTP to this host, so no cookie is ever sent in clear. */
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    private HttpsDeployment() {
    }

    /** Whether the app's public address (STEPCALLS_PUBLIC_URL) is an https one. */
    public static boolean isHttps(String publicUrl) {
        if (publicUrl == null || publicUrl.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(publicUrl.strip());
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (IllegalArgumentException notAUrl) {
            return false;
        }
    }

    /**
     * The settings an https deployment needs: every cookie (session, sign-in state, CSRF) marked
     * Secure, sign-in redirects back to https, and the proxy's forwarded headers believed (so the
     * app knows the client's scheme, host and address).
     */
    static Map<String, String> settings(String publicUrl) {
        if (!isHttps(publicUrl)) {
            return Map.of();
        }
        return Map.of(
                "quarkus.oidc.authentication.cookie-force-secure", "true",
                "quarkus.oidc.authentication.force-redirect-https-scheme", "true",
                "quarkus.rest-csrf.cookie-force-secure", "true",
                "quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true",
                "quarkus.http.proxy.enable-forwarded-host", "true");
    }
}
