package org.stepcalls.volunteers.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.stepcalls.forum.Permissions;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.volunteers.Area;
import org.stepcalls.volunteers.ContactMatcher;
import org.stepcalls.volunteers.ContactMatcher.Contacts;
import org.stepcalls.volunteers.RequestType;
import org.stepcalls.volunteers.Sex;

import io.quarkus.security.Authenticated;

/** The contacts finder for a place and sex given directly (the calls board asks for a call's). */
@Path("/api/contacts")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ContactsResource {

    private final ContactMatcher matcher;
    private final Permissions permissions;
    private final CurrentUser currentUser;

    ContactsResource(ContactMatcher matcher, Permissions permissions, CurrentUser currentUser) {
        this.matcher = matcher;
        this.permissions = permissions;
        this.currentUser = currentUser;
    }

    @GET
    public Contacts find(@QueryParam("areaId") String areaId, @QueryParam("sex") String sex,
            @QueryParam("requestType") String requestType) {
        if (!permissions.canFindContacts(currentUser.viewer())) {
            throw ApiException.forbidden("Only helpliners and coordinators look up contacts.");
        }
        return matcher.find(area(areaId),
                Sex.parse(sex).orElseThrow(() -> ApiException.invalidField("sex", "sex is female, male or other.")),
                RequestType.parse(requestType)
                        .orElseThrow(() -> ApiException.invalidField("requestType", "requestType is phone or visit.")));
    }

    static Area area(String areaId) {
        Area area = null;
        if (areaId != null && areaId.matches("\\d{1,18}")) {
            area = Area.findById(Long.parseLong(areaId));
        }
        if (area == null) {
            throw ApiException.invalidField("areaId", "areaId must be the id of a known area (GET /api/areas).");
        }
        return area;
    }
}
