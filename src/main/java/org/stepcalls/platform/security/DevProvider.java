package org.stepcalls.platform.security;

import java.util.regex.Pattern;

import io.quarkus.runtime.LaunchMode;

/**
 * Quarkus' built-in OIDC dev provider listens on a new random port at every dev-mode start, and
 * its issuer is that address: keyed by issuer and subject, "helen" would become a new account
 * after each restart and lose her own calls. In dev mode alone its issuer is read as one fixed
 * name; everywhere else the issuer is taken exactly as the token gives it.
 */
final class DevProvider {

    static final String ISSUER = "quarkus-dev-provider";
    private static final Pattern DEV_PROVIDER_ISSUER = Pattern.compile("http://localhost:\\d+");

    private DevProvider() {
    }

    static String stableIssuer(String issuer, LaunchMode mode) {
        return mode == LaunchMode.DEVELOPMENT && DEV_PROVIDER_ISSUER.matcher(issuer).matches() ? ISSUER : issuer;
    }
}
