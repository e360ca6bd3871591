package org.stepcalls.volunteers.web;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.stepcalls.forum.Permissions;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.SignedInOnly;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.volunteers.Area;
import org.stepcalls.volunteers.AreaList;
import org.stepcalls.volunteers.ContactMatcher;
import org.stepcalls.volunteers.ContactMatcher.Contacts;
import org.stepcalls.volunteers.RequestType;
import org.stepcalls.volunteers.Sex;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The helpliner's contacts finder: one phone-sized page with who to ring and the rules in view. */
@Path("/contacts")
@Produces(MediaType.TEXT_HTML)
@SignedInOnly
public class ContactPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance finder(List<Area> areas, Long areaId, String sex, String requestType,
                Contacts contacts, String error);
    }

    private final ContactMatcher matcher;
    private final AreaList areas;
    private final Permissions permissions;
    private final CurrentUser currentUser;

    ContactPages(ContactMatcher matcher, AreaList areas, Permissions permissions, CurrentUser currentUser) {
        this.matcher = matcher;
        this.areas = areas;
        this.permissions = permissions;
        this.currentUser = currentUser;
    }

    @GET
    public TemplateInstance finder(@QueryParam("areaId") String areaId, @QueryParam("sex") String sex,
            @QueryParam("requestType") String requestType) {
        if (!permissions.canFindContacts(currentUser.viewer())) {
            throw ApiException.forbidden("Only helpliners and coordinators look up contacts.");
        }
        Long area = areaId != null && areaId.matches("\\d{1,18}") ? Long.valueOf(areaId) : null;
        String chosenType = requestType == null ? "phone" : requestType;
        if (areaId == null && sex == null) {
            return Templates.finder(areas.all(), null, "", chosenType, null, null);
        }
        Area place = area == null ? null : Area.findById(area);
        if (place == null) {
            return Templates.finder(areas.all(), null, sex, chosenType, null, "Choose the caller's area.");
        }
        var callerSex = Sex.parse(sex);
        var type = RequestType.parse(chosenType);
        if (callerSex.isEmpty() || type.isEmpty()) {
            return Templates.finder(areas.all(), area, sex, chosenType, null, "Choose the caller's sex and what they asked for.");
        }
        return Templates.finder(areas.all(), area, sex, chosenType, matcher.find(place, callerSex.get(), type.get()), null);
    }
}
