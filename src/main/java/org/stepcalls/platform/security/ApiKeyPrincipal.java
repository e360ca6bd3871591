package org.stepcalls.platform.security;

import java.security.Principal;

/** Who a request signed with an API key acts as: an account found by the key, never a token. */
public record ApiKeyPrincipal(long accountId, String username, long keyId) implements Principal {

    @Override
    public String getName() {
        return username;
    }
}
