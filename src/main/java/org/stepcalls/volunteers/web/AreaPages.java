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
import org.jboss.resteasy.reactive.RestQuery;
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
        static native TemplateInstance list(List<Area> areas, AreaForm form, String error, String errorField, String done);

        static native TemplateInstance edit(Area area, AreaForm form, String error, String errorField);

        static native TemplateInstance delete(Area area, AreaList.Usage usage, String error);
    }

    private final AreaList areas;
    private final Permissions permissions;
    private final CurrentUser currentUser;

    AreaPages(AreaList areas, Permissions permissions, CurrentUser currentUser) {
        this.areas = areas;
        this.permissions = permissions;
        this.currentUser = currentUser;
    }

    /** After a save or delete: a fixed sentence chosen by code, never text taken from the address. */
    @GET
    public TemplateInstance list(@RestQuery String done, @RestQuery Long area) {
        requireManager();
        String message = null;
        if ("deleted".equals(done)) {
            message = "The area was deleted.";
        } else if ("saved".equals(done) && area != null) {
            message = areas.all().stream().filter(a -> a.id.equals(area)).findFirst().map(a -> a.name + " was saved.").orElse(null);
        }
        return Templates.list(areas.all(), blank(), null, null, message);
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
            return VolunteerPages.refused(e, Templates.list(areas.all(), form, e.getMessage(), e.field(), null));
        }
    }

    @GET
    @Path("{id}/edit")
    public TemplateInstance editForm(@PathParam("id") long id) {
        Area area = areas.one(currentUser.viewer(), id);
        return Templates.edit(area, new AreaForm(area.name, area.region, String.valueOf(area.latitude),
                String.valueOf(area.longitude)), null, null);
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object edit(@PathParam("id") long id, @RestForm String name, @RestForm String region, @RestForm String latitude,
            @RestForm String longitude) {
        Area area = areas.one(currentUser.viewer(), id);
        AreaForm form = new AreaForm(name, region, latitude, longitude);
        try {
            areas.update(currentUser.viewer(), id, new AreaInput(name, region, number(latitude), number(longitude)));
            return VolunteerPages.seeOther("/areas?done=saved&area=" + id);
        } catch (ApiException e) {
            return VolunteerPages.refused(e, Templates.edit(area, form, e.getMessage(), e.field()));
        }
    }

    /** Asks first, and names what still uses the area (a delete would refuse while anything does). */
    @GET
    @Path("{id}/delete")
    public TemplateInstance confirmDelete(@PathParam("id") long id) {
        Area area = areas.one(currentUser.viewer(), id);
        return Templates.delete(area, areas.usage(area), null);
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object delete(@PathParam("id") long id) {
        Area area = areas.one(currentUser.viewer(), id);
        try {
            areas.delete(currentUser.viewer(), id);
            return VolunteerPages.seeOther("/areas?done=deleted");
        } catch (ApiException e) {
            return VolunteerPages.refused(e, Templates.delete(area, areas.usage(area), e.getMessage()));
        }
    }

    private static AreaForm blank() {
        return new AreaForm("", "", "", "");
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
