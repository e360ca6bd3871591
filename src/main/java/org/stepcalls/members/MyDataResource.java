package org.stepcalls.members;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.SignedInOnly;

import io.quarkus.security.Authenticated;

/** GDPR self-service: {@code GET /api/me/data} (a copy, as a file) and {@code DELETE /api/me} (erasure). */
@Path("/api/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SignedInOnly
public class MyDataResource {

    private final MyData myData;
    private final CurrentUser currentUser;

    MyDataResource(MyData myData, CurrentUser currentUser) {
        this.myData = myData;
        this.currentUser = currentUser;
    }

    @GET
    @Path("/data")
    public Response copy() {
        return Response.ok(myData.copy(currentUser.viewer()))
                .header("Content-Disposition", "attachment; filename=\"stepcalls-my-data.json\"").build();
    }

    @DELETE
    public Response erase() {
        myData.erase(currentUser.viewer());
        return Response.noContent().build();
    }
}
