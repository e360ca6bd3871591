package org.stepcalls.discourse.web;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.stepcalls.discourse.ApiKeys;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.SignedInOnly;
import org.stepcalls.platform.web.ApiException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** {@code /admin/api-keys}: an admin creates a key (shown once, on the answer to the form), sees and revokes keys. */
@Path("/admin/api-keys")
@Produces(MediaType.TEXT_HTML)
@SignedInOnly
public class ApiKeyPages {

    /** The form as typed, kept when refused. */
    public record KeyForm(String description, String username) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<ApiKeys.KeyInfo> keys, KeyForm form, ApiKeys.NewKey created,
                String error, String errorField, String done);
    }

    private final ApiKeys keys;
    private final CurrentUser currentUser;

    ApiKeyPages(ApiKeys keys, CurrentUser currentUser) {
        this.keys = keys;
        this.currentUser = currentUser;
    }

    @GET
    public TemplateInstance list(@RestQuery String done) {
        return Templates.list(keys.list(currentUser.viewer()), new KeyForm("", ""), null, null, null,
                "revoked".equals(done) ? "The key was revoked: requests with it are refused from now on." : null);
    }

    /** The key is on this answer only: never stored, never in a URL, not cached. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@RestForm String description, @RestForm String username) {
        KeyForm form = new KeyForm(description, username);
        try {
            ApiKeys.NewKey created = keys.create(currentUser.viewer(), description, username);
            return Response.ok(Templates.list(keys.list(currentUser.viewer()), new KeyForm("", ""), created, null, null, null))
                    .header("Cache-Control", "no-store").build();
        } catch (ApiException e) {
            if (e.status() == 403 || e.status() == 404) {
                throw e;
            }
            return Response.status(e.status())
                    .entity(Templates.list(keys.list(currentUser.viewer()), form, null, e.getMessage(), e.field(), null))
                    .build();
        }
    }

    @POST
    @Path("/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@PathParam("id") long id) {
        keys.revoke(currentUser.viewer(), id);
        return Response.seeOther(URI.create("/admin/api-keys?done=revoked")).build();
    }
}
