package org.stepcalls.platform.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import org.stepcalls.platform.web.ApiException;

/** Refuses an API key on what is {@link SignedInOnly}, before the resource runs: nothing is read, nothing changes. */
@Provider
@SignedInOnly
public class ApiKeysStopHere implements ContainerRequestFilter {

    public static final String MESSAGE = "An API key never reaches the volunteers' list, their numbers, a member's "
            + "own data or settings, and never writes on the calls board, whoever it acts as: sign in to the forum for these.";

    private final CurrentUser currentUser;

    ApiKeysStopHere(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (currentUser.signedInWithApiKey()) {
            throw new ApiException(403, "api_key_not_allowed", MESSAGE);
        }
    }
}
