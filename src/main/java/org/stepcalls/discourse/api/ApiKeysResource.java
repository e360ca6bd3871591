package org.stepcalls.discourse.api;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.stepcalls.discourse.ApiKeys;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.SignedInOnly;
import org.stepcalls.platform.web.ApiException;

import io.quarkus.security.Authenticated;

/** Admins' API keys: created (the key shown once), listed without keys, revoked. */
@Path("/api/admin/api-keys")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SignedInOnly
public class ApiKeysResource {

    public record NewKeyRequest(String description, String username) {
    }

    private final ApiKeys keys;
    private final CurrentUser currentUser;

    ApiKeysResource(ApiKeys keys, CurrentUser currentUser) {
        this.keys = keys;
        this.currentUser = currentUser;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewKeyRequest request) {
        NewKeyRequest body = ApiException.requireBody(request);
        ApiKeys.NewKey created = keys.create(currentUser.viewer(), body.description(), body.username());
        return Response.created(URI.create("/api/admin/api-keys/" + created.id())).entity(created)
                .header("Cache-Control", "no-store").build();
    }

    @GET
    public List<ApiKeys.KeyInfo> list() {
        return keys.list(currentUser.viewer());
    }

    @DELETE
    @Path("/{id}")
    public Response revoke(@PathParam("id") long id) {
        keys.revoke(currentUser.viewer(), id);
        return Response.ok().build();
    }
}
