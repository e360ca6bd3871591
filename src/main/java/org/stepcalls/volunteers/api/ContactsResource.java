package org.stepcalls.volunteers.api;

import java.util.Optional;

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
import org.stepcalls.volunteers.ContactMatcher;
import org.stepcalls.volunteers.ContactMatcher.Contacts;
import org.stepcalls.volunteers.RequestType;
import org.stepcalls.volunteers.Sex;

import io.quarkus.security.Authenticated;

/** The contacts finder for a place and sex given directly (the calls board asks for a call's). */
@Path("/api/contacts")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SignedInOnly
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
        // the area's existence is checked by the lookup itself (no entity load): a malformed id fails first
        long area = areaId(areaId).orElseThrow(ContactsResource::unknownArea);
        Sex callerSex = Sex.parse(sex).orElseThrow(() -> ApiException.invalidField("sex", "sex is female, male or other."));
        RequestType request = RequestType.parse(requestType)
                .orElseThrow(() -> ApiException.invalidField("requestType", "requestType is phone or visit."));
        return matcher.find(area, callerSex, request).orElseThrow(ContactsResource::unknownArea);
    }

    static Area area(String areaId) {
        Area area = areaId(areaId).map(id -> (Area) Area.findById(id)).orElse(null);
        if (area == null) {
            throw unknownArea();
        }
        return area;
    }

    private static Optional<Long> areaId(String areaId) {
        return areaId != null && areaId.matches("\\d{1,18}") ? Optional.of(Long.parseLong(areaId)) : Optional.empty();
    }

    private static ApiException unknownArea() {
        return ApiException.invalidField("areaId", "areaId must be the id of a known area (GET /api/areas).");
    }
}
