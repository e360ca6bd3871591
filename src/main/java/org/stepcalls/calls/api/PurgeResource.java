package org.stepcalls.calls.api;

import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.stepcalls.calls.CallPurge;
import org.stepcalls.platform.security.CurrentUser;

import io.quarkus.security.Authenticated;

@Path("/api/admin/purge")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PurgeResource {

    private final CallPurge purge;
    private final CurrentUser currentUser;

    PurgeResource(CallPurge purge, CurrentUser currentUser) {
        this.purge = purge;
        this.currentUser = currentUser;
    }

    /** Runs the purge now (admins, coordinators); 409 while another purge runs. */
    @POST
    public Map<String, Integer> purgeNow() {
        CallPurge.Result result = purge.runNow(currentUser.viewer());
        return Map.of("purgedCalls", result.purgedCalls(), "purgedPosts", result.purgedPosts(), "keptOutcomes",
                result.keptOutcomes());
    }
}
