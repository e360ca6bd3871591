package org.stepcalls.volunteers.web;

import java.util.List;
import java.util.Map;

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
import org.stepcalls.platform.security.SignedInOnly;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.volunteers.Area;
import org.stepcalls.volunteers.AreaList;
import org.stepcalls.volunteers.ContactMatcher;
import org.stepcalls.volunteers.Meeting;
import org.stepcalls.volunteers.MeetingInput;
import org.stepcalls.volunteers.MeetingList;
import org.stepcalls.volunteers.MeetingView;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Meetings and their contacts; coordinators keep them current (R5, R17). */
@Path("/meetings")
@Produces(MediaType.TEXT_HTML)
@SignedInOnly
public class MeetingPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<MeetingView> meetings, boolean canManage, boolean numbers, String warning,
                MeetingSearch search, String notice);

        static native TemplateInstance form(Long id, MeetingInput form, List<Area> areas, List<String> weekdays,
                String error, String errorField);
    }

    private final MeetingList meetings;
    private final AreaList areas;
    private final Permissions permissions;
    private final CurrentUser currentUser;

    MeetingPages(MeetingList meetings, AreaList areas, Permissions permissions, CurrentUser currentUser) {
        this.meetings = meetings;
        this.areas = areas;
        this.permissions = permissions;
        this.currentUser = currentUser;
    }

    /** The search form's choices and answer; {@code areaId} and {@code weekday} as chosen (null: any). */
    public record MeetingSearch(List<Area> areas, List<String> weekdays, Long areaId, String weekday, String error) {
    }

    /** What a coordinator's change did, said on the list it comes back to ({@code ?done=}). */
    private static final Map<String, String> DONE = Map.of("added", "Meeting added.", "saved", "Meeting saved.", "deleted",
            "Meeting deleted. Its contact's number is erased.");

    /** Searched by place (nearest first) and day: a plain GET form, so it works without script and can be bookmarked. */
    @GET
    public Response list(@RestQuery String areaId, @RestQuery String weekday, @RestQuery String done) {
        var viewer = currentUser.viewer();
        Long area = id(areaId);
        String day = weekday == null || weekday.isBlank() ? null : weekday;
        MeetingSearch search = new MeetingSearch(areas.all(), Meeting.WEEKDAYS, area, day, null);
        List<MeetingView> found;
        int status = 200;
        try {
            Area near = area == null ? null : Area.findById(area);
            if (areaId != null && !areaId.isBlank() && near == null) {
                throw ApiException.invalidField("areaId", "Choose a place from the list.");
            }
            found = meetings.search(viewer, near, day);
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            search = new MeetingSearch(areas.all(), Meeting.WEEKDAYS, null, null, e.getMessage());
            found = meetings.list(viewer);
            status = 400;
        }
        return Response.status(status).entity(Templates.list(found, permissions.canManageList(viewer),
                permissions.canSeeContactNumbers(viewer), ContactMatcher.R4_WARNING, search, done == null ? null : DONE.get(done)))
                .build();
    }

    @GET
    @Path("new")
    public TemplateInstance newForm() {
        requireManager();
        return Templates.form(null, new MeetingInput("", null, "monday", "19:30", "", "", ""), areas.all(), Meeting.WEEKDAYS,
                null, null);
    }

    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object add(@RestForm String name, @RestForm String areaId, @RestForm String weekday, @RestForm String time,
            @RestForm String contactName, @RestForm String contactPhone, @RestForm String venue) {
        MeetingInput form = new MeetingInput(name, id(areaId), weekday, time, contactName, contactPhone, venue);
        try {
            meetings.add(currentUser.viewer(), form);
            return VolunteerPages.seeOther("/meetings?done=added");
        } catch (ApiException e) {
            return VolunteerPages.refused(e, Templates.form(null, form, areas.all(), Meeting.WEEKDAYS, e.getMessage(), e.field()));
        }
    }

    @GET
    @Path("{id}/edit")
    public TemplateInstance editForm(@PathParam("id") long id) {
        requireManager();
        MeetingView m = meetings.get(currentUser.viewer(), id);
        return Templates.form(id, new MeetingInput(m.name(), m.areaId(), m.weekday(), m.time(), m.contactName(),
                m.contactPhone(), m.venue()), areas.all(), Meeting.WEEKDAYS, null, null);
    }

    @POST
    @Path("{id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object edit(@PathParam("id") long id, @RestForm String name, @RestForm String areaId, @RestForm String weekday,
            @RestForm String time, @RestForm String contactName, @RestForm String contactPhone, @RestForm String venue) {
        MeetingInput form = new MeetingInput(name, id(areaId), weekday, time, contactName, contactPhone, venue);
        try {
            meetings.update(currentUser.viewer(), id, form);
            return VolunteerPages.seeOther("/meetings?done=saved");
        } catch (ApiException e) {
            return VolunteerPages.refused(e, Templates.form(id, form, areas.all(), Meeting.WEEKDAYS, e.getMessage(), e.field()));
        }
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object delete(@PathParam("id") long id, @RestForm boolean confirmed) {
        if (!confirmed) { // one tap must not erase a contact's number
            requireManager();
            MeetingView m = meetings.get(currentUser.viewer(), id);
            String why = "Tick the box to confirm: deleting erases the meeting and its contact's number at once.";
            return VolunteerPages.refused(ApiException.invalidField("confirmed", why), Templates.form(id, new MeetingInput(m.name(),
                    m.areaId(), m.weekday(), m.time(), m.contactName(), m.contactPhone(), m.venue()), areas.all(), Meeting.WEEKDAYS,
                    why, "confirmed"));
        }
        meetings.delete(currentUser.viewer(), id);
        return VolunteerPages.seeOther("/meetings?done=deleted");
    }

    private void requireManager() {
        if (!permissions.canManageList(currentUser.viewer())) {
            throw ApiException.forbidden("Only coordinators change meetings and their contacts.");
        }
    }

    static Long id(String value) {
        return value != null && value.matches("\\d{1,18}") ? Long.valueOf(value) : null;
    }
}
