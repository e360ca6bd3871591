package org.stepcalls.volunteers.web;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.stepcalls.forum.Permissions;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.SignedInOnly;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.volunteers.Area;
import org.stepcalls.volunteers.AreaList;
import org.stepcalls.volunteers.ContactMatcher;
import org.stepcalls.volunteers.CsvImport;
import org.stepcalls.volunteers.VolunteerList;
import org.stepcalls.volunteers.VolunteerView;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The 12th Step list's pages: the coordinators' list, add/edit/remove and import; a member's own entry. */
@Path("/volunteers")
@Produces(MediaType.TEXT_HTML)
@SignedInOnly
public class VolunteerPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<VolunteerView> volunteers, List<Area> areas, Long area, String sex,
                String status, boolean canManage, String warning, int total, String notice);

        static native TemplateInstance form(String mode, Long id, VolunteerForm form, List<Area> areas, String error,
                String errorField, Map<String, String> removalReasons);

        static native TemplateInstance importForm(String error, CsvImport.Result result, String header);

        static native TemplateInstance mine(VolunteerView entry, VolunteerForm form, List<Area> areas, String error,
                String errorField, String notice);
    }

    private final VolunteerList list;
    private final CsvImport csvImport;
    private final AreaList areas;
    private final Permissions permissions;
    private final CurrentUser currentUser;

    VolunteerPages(VolunteerList list, CsvImport csvImport, AreaList areas, Permissions permissions,
            CurrentUser currentUser) {
        this.list = list;
        this.csvImport = csvImport;
        this.areas = areas;
        this.permissions = permissions;
        this.currentUser = currentUser;
    }

    /** What a coordinator's change did, said on the list it comes back to ({@code ?done=}). */
    private static final Map<String, String> DONE = Map.of("added", "Added to the list.", "saved", "Entry saved.",
            "removed", "Removed from the list. Their number is erased.");
    /** The same for a member's own entry ({@code /volunteers/me?done=}). */
    private static final Map<String, String> DONE_MINE = Map.of("joined", "You are on the list. Thank you.", "saved",
            "Your entry is saved.", "left", "You have left the list. Your number has been erased.");

    @GET
    public TemplateInstance list(@QueryParam("area") String area, @QueryParam("sex") String sex,
            @QueryParam("status") String status, @QueryParam("done") String done) {
        Viewer viewer = currentUser.viewer();
        List<VolunteerView> all = list.list(viewer);
        List<VolunteerView> shown = all.stream()
                .filter(v -> area == null || area.isBlank() || v.areaIds().stream().anyMatch(id -> String.valueOf(id).equals(area)))
                .filter(v -> sex == null || sex.isBlank() || v.sex().equals(sex))
                .filter(v -> status == null || status.isBlank() || switch (status) {
                    case "eligible" -> v.eligible();
                    case "not-eligible" -> !v.eligible();
                    case "inactive" -> !v.active();
                    default -> true;
                }).toList();
        return Templates.list(shown, areas.all(), area != null && area.matches("\\d{1,18}") ? Long.valueOf(area) : null,
                blank(sex), blank(status),
                permissions.canManageList(viewer), ContactMatcher.R4_WARNING, all.size(), done == null ? null : DONE.get(done));
    }

    @GET
    @Path("new")
    public TemplateInstance newForm() {
        requireManager();
        return Templates.form("new", null, VolunteerForm.empty(), areas.all(), null, null, VolunteerList.REMOVAL_REASONS);
    }

    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object add(@RestForm String firstName, @RestForm String phone, @RestForm String sex, @RestForm String homeAreaId,
            @RestForm List<String> areaIds, @RestForm String cleanDate, @RestForm boolean canPhone,
            @RestForm boolean canVisit, @RestForm boolean guidelinesAcknowledged, @RestForm boolean formReceived,
            @RestForm boolean active) {
        VolunteerForm form = new VolunteerForm(firstName, phone, sex, homeAreaId, VolunteerForm.nonNull(areaIds), cleanDate,
                canPhone, canVisit, guidelinesAcknowledged, formReceived, active);
        try {
            list.add(currentUser.viewer(), form.toInput());
            return seeOther("/volunteers?done=added");
        } catch (ApiException e) {
            return refused(e, Templates.form("new", null, form, areas.all(), e.getMessage(), e.field(),
                    VolunteerList.REMOVAL_REASONS));
        }
    }

    @GET
    @Path("{id}/edit")
    public TemplateInstance editForm(@PathParam("id") long id) {
        requireManager();
        return Templates.form("edit", id, VolunteerForm.of(list.get(currentUser.viewer(), id)), areas.all(), null, null,
                VolunteerList.REMOVAL_REASONS);
    }

    @POST
    @Path("{id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object edit(@PathParam("id") long id, @RestForm String firstName, @RestForm String phone, @RestForm String sex,
            @RestForm String homeAreaId, @RestForm List<String> areaIds, @RestForm String cleanDate,
            @RestForm boolean canPhone, @RestForm boolean canVisit, @RestForm boolean guidelinesAcknowledged,
            @RestForm boolean formReceived, @RestForm boolean active) {
        VolunteerForm form = new VolunteerForm(firstName, phone, sex, homeAreaId, VolunteerForm.nonNull(areaIds), cleanDate,
                canPhone, canVisit, guidelinesAcknowledged, formReceived, active);
        try {
            list.update(currentUser.viewer(), id, form.toInput());
            return seeOther("/volunteers?done=saved");
        } catch (ApiException e) {
            return refused(e, Templates.form("edit", id, form, areas.all(), e.getMessage(), e.field(),
                    VolunteerList.REMOVAL_REASONS));
        }
    }

    @POST
    @Path("{id}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object remove(@PathParam("id") long id, @RestForm String reason, @RestForm boolean confirmed) {
        if (!confirmed) { // one tap must not erase a number: the box is ticked first
            requireManager();
            String why = "Tick the box to confirm: removing erases the number at once.";
            return refused(ApiException.invalidField("confirmed", why), Templates.form("edit", id,
                    VolunteerForm.of(list.get(currentUser.viewer(), id)), areas.all(), why, "confirmed", VolunteerList.REMOVAL_REASONS));
        }
        list.remove(currentUser.viewer(), id, reason);
        return seeOther("/volunteers?done=removed");
    }

    @GET
    @Path("import")
    public TemplateInstance importForm() {
        requireManager();
        return Templates.importForm(null, null, String.join(",", CsvImport.HEADER));
    }

    @POST
    @Path("import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Object importCsv(@RestForm("file") FileUpload file, @RestForm boolean guidelinesAcknowledged) throws IOException {
        try {
            byte[] bytes = file == null ? new byte[0] : Files.readAllBytes(file.uploadedFile());
            CsvImport.Result result = csvImport.importCsv(currentUser.viewer(), bytes, guidelinesAcknowledged);
            return Response.status(result.rejected().isEmpty() ? 200 : 400)
                    .entity(Templates.importForm(null, result, String.join(",", CsvImport.HEADER))).build();
        } catch (ApiException e) {
            return refused(e, Templates.importForm(e.getMessage(), null, String.join(",", CsvImport.HEADER)));
        }
    }

    @GET
    @Path("me")
    public TemplateInstance mine(@QueryParam("done") String done) {
        VolunteerView entry = list.mine(currentUser.viewer());
        return Templates.mine(entry, entry == null ? VolunteerForm.empty() : VolunteerForm.of(entry), areas.all(), null,
                null, done == null ? null : DONE_MINE.get(done));
    }

    @POST
    @Path("me")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object join(@RestForm String firstName, @RestForm String phone, @RestForm String sex,
            @RestForm String homeAreaId, @RestForm List<String> areaIds, @RestForm String cleanDate,
            @RestForm boolean canPhone, @RestForm boolean canVisit, @RestForm boolean guidelinesAcknowledged) {
        VolunteerForm form = new VolunteerForm(firstName, phone, sex, homeAreaId, VolunteerForm.nonNull(areaIds), cleanDate,
                canPhone, canVisit, guidelinesAcknowledged, false, true);
        Viewer viewer = currentUser.viewer();
        try {
            boolean joining = list.mine(viewer) == null;
            list.join(viewer, form.toInput());
            return seeOther("/volunteers/me?done=" + (joining ? "joined" : "saved"));
        } catch (ApiException e) {
            return refused(e, Templates.mine(list.mine(viewer), form, areas.all(), e.getMessage(), e.field(), null));
        }
    }

    /** R13: leaving takes effect at once, once the box is ticked (one stray tap must not erase a number). */
    @POST
    @Path("me/leave")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object leave(@RestForm boolean confirmed) {
        Viewer viewer = currentUser.viewer();
        if (!confirmed) {
            VolunteerView entry = list.mine(viewer);
            String why = "Tick the box to confirm: leaving erases your number at once.";
            return refused(ApiException.invalidField("confirmed", why), Templates.mine(entry,
                    entry == null ? VolunteerForm.empty() : VolunteerForm.of(entry), areas.all(), why, "confirmed", null));
        }
        list.leave(viewer);
        return seeOther("/volunteers/me?done=left");
    }

    private void requireManager() {
        if (!permissions.canManageList(currentUser.viewer())) {
            throw ApiException.forbidden("Only coordinators change the 12th Step list.");
        }
    }

    /** A form refused for its content comes back with it; other refusals get the error page. */
    static Object refused(ApiException e, TemplateInstance page) {
        if (e.status() != 400 && e.status() != 409 && e.status() != 429) {
            throw e;
        }
        return Response.status(e.status()).entity(page).build();
    }

    static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }
}
