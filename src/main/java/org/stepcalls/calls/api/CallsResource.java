package org.stepcalls.calls.api;

import java.net.URI;
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

import org.stepcalls.calls.CallBoard;
import org.stepcalls.calls.CallForms.AttemptForm;
import org.stepcalls.calls.CallForms.CallbackForm;
import org.stepcalls.calls.CallForms.CloseForm;
import org.stepcalls.calls.CallForms.ReportBackForm;
import org.stepcalls.calls.CallIntake;
import org.stepcalls.calls.CallList;
import org.stepcalls.calls.CallView;
import org.stepcalls.calls.NewCall;
import org.stepcalls.calls.SafetyGuidance;
import org.stepcalls.calls.OverdueCalls;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.SignedInOnly;
import org.stepcalls.platform.web.ApiException;
import org.jboss.resteasy.reactive.RestQuery;
import org.stepcalls.volunteers.ContactMatcher;

import io.quarkus.security.Authenticated;

/** The 12th Step Calls board (API.md "12th Step Calls"). Members get 404 for every call. */
@Path("/api/calls")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class CallsResource {

    private final CallIntake intake;
    private final CallBoard board;
    private final OverdueCalls overdue;
    private final CallList callList;
    private final CurrentUser currentUser;
    private final SafetyGuidance safety;

    CallsResource(CallIntake intake, CallBoard board, OverdueCalls overdue, CallList callList, CurrentUser currentUser,
            SafetyGuidance safety) {
        this.safety = safety;
        this.intake = intake;
        this.board = board;
        this.overdue = overdue;
        this.callList = callList;
        this.currentUser = currentUser;
    }

    /** The board as a list, overdue first, each call with its next step; {@code mine}: only the calls I opened. */
    @GET
    public Map<String, List<CallList.Listed>> list(@RestQuery boolean mine, @RestQuery String status) {
        return Map.of("calls", callList.list(currentUser.viewer(), mine, status));
    }

    /** Coordinators: open calls without opener activity for STEPCALLS_OVERDUE_AFTER. */
    @GET
    @Path("/overdue")
    public List<OverdueCalls.Overdue> overdue() {
        return overdue.list(currentUser.viewer());
    }

    /** A coordinator asks the opener for an update; never a take-over (R15). */
    @POST
    @SignedInOnly
    @Path("/{id}/nudge")
    public Response nudge(@PathParam("id") long id) {
        overdue.nudge(currentUser.viewer(), id);
        return Response.ok(Map.of("nudged", true)).build();
    }

    /** {@code canGetToMeeting: true}: 200 with the nearest meetings, and no call is opened. */
    @POST
    @SignedInOnly
    @Consumes(MediaType.APPLICATION_JSON)
    public Response open(NewCall form) {
        if (Boolean.TRUE.equals(ApiException.requireBody(form).canGetToMeeting())) {
            return Response.ok(intake.refer(currentUser.viewer(), form)).build();
        }
        CallIntake.Opened opened = intake.open(currentUser.viewer(), form);
        return Response.created(URI.create("/api/calls/" + opened.topicId())).entity(opened).build();
    }

    @GET
    @Path("/{id}")
    public CallView call(@PathParam("id") long id) {
        return board.view(currentUser.viewer(), id);
    }

    /** R16: the opener alone, by POST (never in a URL), audited. */
    @POST
    @SignedInOnly
    @Path("/{id}/caller-phone")
    public Map<String, String> callerPhone(@PathParam("id") long id) {
        return Map.of("phone", board.revealCallerPhone(currentUser.viewer(), id));
    }

    @GET
    @Path("/{id}/contacts")
    public ContactMatcher.Contacts contacts(@PathParam("id") long id) {
        return board.contacts(currentUser.viewer(), id);
    }

    @POST
    @SignedInOnly
    @Path("/{id}/attempts")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response attempt(@PathParam("id") long id, AttemptForm form) {
        long recordId = board.logAttempt(currentUser.viewer(), id, ApiException.requireBody(form));
        return Response.status(201).entity(Map.of("id", recordId)).build();
    }

    @POST
    @SignedInOnly
    @Path("/{id}/report-backs")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reportBack(@PathParam("id") long id, ReportBackForm form) {
        long recordId = board.logReportBack(currentUser.viewer(), id, ApiException.requireBody(form));
        return Response.status(201).entity(Map.of("id", recordId)).build();
    }

    /** R14: the answer reminds the helpliner to withhold their number. */
    @POST
    @SignedInOnly
    @Path("/{id}/callbacks")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response callback(@PathParam("id") long id, CallbackForm form) {
        long recordId = board.logCallback(currentUser.viewer(), id, ApiException.requireBody(form));
        return Response.status(201).entity(Map.of("id", recordId, "reminder", safety.withholdNumber())).build();
    }

    @POST
    @SignedInOnly
    @Path("/{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response close(@PathParam("id") long id, CloseForm form) {
        board.close(currentUser.viewer(), id, ApiException.requireBody(form));
        return Response.ok(Map.of("status", "closed")).build();
    }

    @GET
    @Path("/{id}/group-message")
    public Map<String, String> groupMessage(@PathParam("id") long id) {
        return Map.of("text", board.groupMessage(currentUser.viewer(), id));
    }
}
