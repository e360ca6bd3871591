package org.stepcalls.volunteers.api;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.stepcalls.volunteers.MeetingInput;
import org.stepcalls.volunteers.MeetingList;
import org.stepcalls.volunteers.MeetingView;

import io.quarkus.security.Authenticated;

@Path("/api/meetings")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SignedInOnly
public class MeetingsResource {

    private final MeetingList meetings;
    private final CurrentUser currentUser;

    MeetingsResource(MeetingList meetings, CurrentUser currentUser) {
        this.meetings = meetings;
        this.currentUser = currentUser;
    }

    /**
     * Contact numbers only for helpliners and coordinators. With {@code areaId}: within the contact
     * radius, nearest first, each with its {@code distanceKm}; with {@code weekday}: that day's only.
     */
    @GET
    public List<MeetingView> search(@QueryParam("areaId") String areaId, @QueryParam("weekday") String weekday) {
        return meetings.search(currentUser.viewer(),
                areaId == null || areaId.isBlank() ? null : ContactsResource.area(areaId), weekday);
    }

    @GET
    @Path("/{id}")
    public MeetingView one(@PathParam("id") long id) {
        return meetings.get(currentUser.viewer(), id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(MeetingInput input) {
        MeetingView added = meetings.add(currentUser.viewer(), ApiException.requireBody(input));
        return Response.created(URI.create("/api/meetings/" + added.id())).entity(added).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public MeetingView update(@PathParam("id") long id, MeetingInput input) {
        return meetings.update(currentUser.viewer(), id, ApiException.requireBody(input));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        meetings.delete(currentUser.viewer(), id);
        return Response.noContent().build();
    }
}
