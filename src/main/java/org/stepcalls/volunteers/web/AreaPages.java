package org.stepcalls.volunteers.web;

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
import org.stepcalls.forum.Permissions;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.volunteers.Area;
import org.stepcalls.volunteers.AreaInput;
import org.stepcalls.volunteers.AreaList;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Areas (town centroids) for coordinators and admins. */
@Path("/areas")
@Produces(MediaType.TEXT_HTML)
public class AreaPages {

    /** The add form as typed, kept when refused. */
    public record AreaForm(String name, String region, String latitude, String longitude) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<Area> areas, AreaForm form, String error, String errorField);
    }

    private final AreaList areas;
    private final Permissions permissions;
    private final CurrentUser currentUser;

    AreaPages(AreaList areas, Permissions permissions, CurrentUser currentUser) {
        this.areas = areas;
        this.permissions = permissions;
        this.currentUser = currentUser;
    }

    @GET
    public TemplateInstance list() {
        requireManager();
        return Templates.list(areas.all(), new AreaForm("", "", "", ""), null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object add(@RestForm String name, @RestForm String region, @RestForm String latitude,
            @RestForm String longitude) {
        AreaForm form = new AreaForm(name, region, latitude, longitude);
        try {
            areas.add(currentUser.viewer(), new AreaInput(name, region, number(latitude), number(longitude)));
            return VolunteerPages.seeOther("/areas");
        } catch (ApiException e) {
            return VolunteerPages.refused(e, Templates.list(areas.all(), form, e.getMessage(), e.field()));
        }
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object delete(@PathParam("id") long id) {
        try {
            areas.delete(currentUser.viewer(), id);
            return VolunteerPages.seeOther("/areas");
        } catch (ApiException e) {
            return VolunteerPages.refused(e, Templates.list(areas.all(), new AreaForm("", "", "", ""), e.getMessage(), null));
        }
    }

    private void requireManager() {
        if (!permissions.canManageAreas(currentUser.viewer())) {
            throw ApiException.forbidden("Only coordinators and admins change areas.");
        }
    }

    private static Double number(String value) {
        try {
            return value == null || value.isBlank() ? null : Double.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
