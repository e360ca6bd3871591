package org.stepcalls.volunteers.api;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.SignedInOnly;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.volunteers.CsvImport;
import org.stepcalls.volunteers.VolunteerInput;
import org.stepcalls.volunteers.VolunteerList;
import org.stepcalls.volunteers.VolunteerView;

import io.quarkus.security.Authenticated;

/** The 12th Step list (API.md "12th Step list, meetings, areas"). Numbers always come with R4. */
@Path("/api/volunteers")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SignedInOnly
public class VolunteersResource {

    private final VolunteerList list;
    private final CsvImport csvImport;
    private final CurrentUser currentUser;

    VolunteersResource(VolunteerList list, CsvImport csvImport, CurrentUser currentUser) {
        this.list = list;
        this.csvImport = csvImport;
        this.currentUser = currentUser;
    }

    @GET
    public List<VolunteerView> all() {
        return list.list(currentUser.viewer());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(VolunteerInput input) {
        VolunteerView added = list.add(currentUser.viewer(), ApiException.requireBody(input));
        return Response.created(URI.create("/api/volunteers/" + added.id())).entity(added).build();
    }

    /** The member's own entry; 404 when they are not on the list. */
    @GET
    @Path("/me")
    public VolunteerView mine() {
        VolunteerView mine = list.mine(currentUser.viewer());
        if (mine == null) {
            throw ApiException.notFound();
        }
        return mine;
    }

    @PUT
    @Path("/me")
    @Consumes(MediaType.APPLICATION_JSON)
    public VolunteerView join(VolunteerInput input) {
        return list.join(currentUser.viewer(), ApiException.requireBody(input));
    }

    @DELETE
    @Path("/me")
    public Response leave() {
        list.leave(currentUser.viewer());
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}")
    public VolunteerView one(@PathParam("id") long id) {
        return list.get(currentUser.viewer(), id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public VolunteerView update(@PathParam("id") long id, VolunteerInput input) {
        return list.update(currentUser.viewer(), id, ApiException.requireBody(input));
    }

    /** R13: removal erases the number. {@code reason} is one of {@link VolunteerList#REMOVAL_REASONS}. */
    @DELETE
    @Path("/{id}")
    public Response remove(@PathParam("id") long id, @QueryParam("reason") @DefaultValue("other") String reason) {
        list.remove(currentUser.viewer(), id, reason);
        return Response.noContent().build();
    }

    /** {@code text/csv} with the header {@code firstName,phone,sex,area,cleanDate,canPhone,canVisit}; all or nothing. */
    @POST
    @Path("/import")
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM })
    public Response importCsv(byte[] file, @QueryParam("guidelinesAcknowledged") boolean guidelinesAcknowledged) {
        CsvImport.Result result = csvImport.importCsv(currentUser.viewer(), file, guidelinesAcknowledged);
        return Response.status(result.rejected().isEmpty() ? 200 : 400).entity(result).build();
    }

}
