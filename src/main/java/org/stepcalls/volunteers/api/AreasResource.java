package org.stepcalls.volunteers.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.volunteers.Area;
import org.stepcalls.volunteers.AreaInput;
import org.stepcalls.volunteers.AreaList;

import io.quarkus.security.Authenticated;

@Path("/api/areas")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AreasResource {

    public record AreaJson(long id, String name, String region, double latitude, double longitude) {
        static AreaJson of(Area a) {
            return new AreaJson(a.id, a.name, a.region, a.latitude, a.longitude);
        }
    }

    private final AreaList areas;
    private final CurrentUser currentUser;

    AreasResource(AreaList areas, CurrentUser currentUser) {
        this.areas = areas;
        this.currentUser = currentUser;
    }

    @GET
    public List<AreaJson> all() {
        return areas.all().stream().map(AreaJson::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(AreaInput input) {
        Area area = areas.add(currentUser.viewer(), ApiException.requireBody(input));
        return Response.created(URI.create("/api/areas/" + area.id)).entity(Map.of("id", area.id)).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public AreaJson update(@PathParam("id") long id, AreaInput input) {
        return AreaJson.of(areas.update(currentUser.viewer(), id, ApiException.requireBody(input)));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        areas.delete(currentUser.viewer(), id);
        return Response.noContent().build();
    }
}
