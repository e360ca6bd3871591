package org.stepcalls.calls.web;

import java.net.URI;
import java.util.HashMap;
import java.time.OffsetDateTime;
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
import org.stepcalls.calls.CallBoard;
import org.stepcalls.calls.CallForms;
import org.stepcalls.calls.CallGuidance;
import org.stepcalls.calls.CallIntake;
import org.stepcalls.calls.CallList;
import org.stepcalls.calls.CallView;
import org.stepcalls.calls.NewCall;
import org.stepcalls.calls.OverdueCalls;
import org.stepcalls.calls.SafetyGuidance;
import org.stepcalls.forum.ForumQueries;
import org.stepcalls.forum.Permissions;
import org.stepcalls.platform.security.ApiKeysStopHere;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.SignedInOnly;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.privacy.PhoneNumbers;
import org.stepcalls.volunteers.AreaList;
import org.stepcalls.volunteers.ContactMatcher;
import org.stepcalls.volunteers.Area;
import org.stepcalls.volunteers.MeetingList;
import org.stepcalls.volunteers.MeetingView;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The calls board on a phone: the intake form, and a call's page that walks the opener through
 * the procedure — contacts to try, one form per templated post, the timeline — while others
 * follow it without the caller's details.
 */
@Path("/calls")
@Produces(MediaType.TEXT_HTML)
public class CallPages {

    /** What the page needs besides the call itself. {@code typed} keeps a refused form's values. */
    public record PageState(String error, String errorForm, String errorField, Map<String, String> typed,
            RevealedPhone revealedPhone, String groupMessage) {

        public String typed(String name) {
            return typed.getOrDefault(name, "");
        }

        public boolean isError(String form) {
            return form.equals(errorForm);
        }

        PageState withAttemptDefaults(Map<String, String> defaults) {
            Map<String, String> merged = new HashMap<>(defaults);
            merged.putAll(typed);
            return new PageState(error, errorForm, errorField, merged, revealedPhone, groupMessage);
        }
    }

    /** The caller's number as shown, and what its link dials: with {@code prefix} first, the helpliner's own is withheld (R14). */
    public record RevealedPhone(String shown, String dial, String prefix) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance intake(List<Area> areas, Map<String, String> form, String error, String errorField,
                String emergency, String checks, List<MeetingView> meetings);

        static native TemplateInstance referred(Area area, List<MeetingView> meetings, String emergency);

        static native TemplateInstance call(CallView call, List<ForumQueries.PostView> posts, ContactMatcher.Contacts contacts,
                PageState state, boolean coordinator, String withholdReminder, String emergency, String checks,
                OffsetDateTime lastNudged, String notice, String openForm, Map<String, String> tried, String callBackSoon);

        static native TemplateInstance overdue(List<OverdueCalls.Overdue> calls, String notice);

        static native TemplateInstance list(List<CallList.Listed> calls, boolean mine, String status, boolean canOpen,
                String base);
    }

    private final CallIntake intake;
    private final CallBoard board;
    private final OverdueCalls overdue;
    private final ForumQueries forumQueries;
    private final AreaList areas;
    private final Permissions permissions;
    private final CurrentUser currentUser;
    private final PhoneNumbers phoneNumbers;
    private final SafetyGuidance safety;
    private final PhoneReveals reveals;
    private final CallList callList;
    private final MeetingList meetings;

    CallPages(CallIntake intake, CallBoard board, OverdueCalls overdue, ForumQueries forumQueries, AreaList areas,
            Permissions permissions, CurrentUser currentUser, PhoneNumbers phoneNumbers, SafetyGuidance safety,
            PhoneReveals reveals, CallList callList, MeetingList meetings) {
        this.meetings = meetings;
        this.phoneNumbers = phoneNumbers;
        this.safety = safety;
        this.reveals = reveals;
        this.callList = callList;
        this.intake = intake;
        this.board = board;
        this.overdue = overdue;
        this.forumQueries = forumQueries;
        this.areas = areas;
        this.permissions = permissions;
        this.currentUser = currentUser;
    }

    @GET
    @Path("new")
    public TemplateInstance intakeForm() {
        if (!permissions.canOpenCall(currentUser.viewer())) {
            throw ApiException.forbidden("Only helpliners open 12th Step calls.");
        }
        Map<String, String> form = new HashMap<>();
        form.put("idempotencyKey", java.util.UUID.randomUUID().toString());
        return Templates.intake(areas.all(), form, null, null, safety.emergency(), CallGuidance.CHECKS_BEFORE_ASKING,
                meetings.list(currentUser.viewer()));
    }

    @POST
    @SignedInOnly
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object open(@RestForm String callerFirstName, @RestForm String callerPhone, @RestForm String callerPhoneConfirm,
            @RestForm String areaId, @RestForm String callerSex, @RestForm String requestType,
            @RestForm String disabledOrVulnerable, @RestForm String immediateDanger, @RestForm String requesterIsAddict,
            @RestForm String prisonGateRequest, @RestForm String notes, @RestForm String idempotencyKey,
            @RestForm String canGetToMeeting, @RestForm String meetingId, @RestForm String referralAreaId) {
        Map<String, String> typed = new HashMap<>();
        typed.put("callerFirstName", callerFirstName);
        typed.put("callerPhone", callerPhone);
        typed.put("callerPhoneConfirm", callerPhoneConfirm);
        typed.put("areaId", areaId);
        typed.put("callerSex", callerSex);
        typed.put("requestType", requestType);
        typed.put("disabledOrVulnerable", disabledOrVulnerable);
        typed.put("immediateDanger", immediateDanger);
        typed.put("requesterIsAddict", requesterIsAddict);
        typed.put("prisonGateRequest", prisonGateRequest);
        typed.put("notes", notes);
        typed.put("idempotencyKey", idempotencyKey);
        typed.put("meetingId", meetingId);
        typed.put("referralAreaId", referralAreaId);
        typed.values().removeIf(java.util.Objects::isNull);
        try {
            if (Boolean.TRUE.equals(yesNo(canGetToMeeting))) {
                return refer(referralAreaId == null || referralAreaId.isBlank() ? areaId : referralAreaId, immediateDanger,
                        requesterIsAddict, prisonGateRequest);
            }
            NewCall form = new NewCall(callerFirstName, callerPhone, callerPhoneConfirm, id(areaId), callerSex, requestType,
                    yesNo(disabledOrVulnerable), yesNo(immediateDanger), yesNo(requesterIsAddict), yesNo(prisonGateRequest),
                    notes, idempotencyKey, false, id(meetingId));
            CallIntake.Opened opened = intake.open(currentUser.viewer(), form);
            return seeOther("/calls/" + opened.topicId());
        } catch (ApiException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            return Response.status(e.status()).entity(Templates.intake(areas.all(), typed, e.getMessage(), field(e),
                    safety.emergency(), CallGuidance.CHECKS_BEFORE_ASKING, meetings.list(currentUser.viewer()))).build();
        }
    }

    /**
     * "Yes — show meetings near them": the same form, so R1 and R2 are answered as the helpliner
     * answered them (a referral for someone else's addict is refused and counted as such); nothing
     * else typed goes further than this method. Unanswered, they are asked for, and nothing is counted.
     */
    private Response refer(String areaId, String immediateDanger, String requesterIsAddict, String prisonGateRequest) {
        if (yesNo(requesterIsAddict) == null || yesNo(prisonGateRequest) == null) {
            throw ApiException.invalidField(yesNo(requesterIsAddict) == null ? "requesterIsAddict" : "prisonGateRequest",
                    "Answer the two questions above first: is the caller the addict themselves, and is it a prison-gate request?");
        }
        if (id(areaId) == null) {
            throw ApiException.invalidField("referralAreaId", "Choose their area (the nearest town) to find meetings near them.");
        }
        NewCall referral = new NewCall(null, null, null, id(areaId), null, null, null, yesNo(immediateDanger),
                yesNo(requesterIsAddict), yesNo(prisonGateRequest), null, null, true, null);
        intake.refer(currentUser.viewer(), referral);
        // redirected, so a reload shows the meetings again without counting a second referral
        return seeOther("/calls/referred?areaId=" + referral.areaId()
                + (Boolean.TRUE.equals(referral.immediateDanger()) ? "&danger=true" : ""));
    }

    /** After a referral at intake: the nearest meetings to read to the caller, no contact of any (R4). */
    @GET
    @Path("referred")
    public TemplateInstance referred(@RestQuery String areaId, @RestQuery boolean danger) {
        if (!permissions.canOpenCall(currentUser.viewer())) {
            throw ApiException.forbidden("Only helpliners take calls.");
        }
        Long id = id(areaId);
        Area area = id == null ? null : Area.findById(id);
        if (area == null) {
            throw ApiException.notFound();
        }
        return Templates.referred(area, meetings.nearestToReadOut(area, CallIntake.MEETINGS_TO_READ),
                danger ? safety.emergency() : null); // R18: said again where the helpliner now reads from
    }

    /** The board: every call you may follow, filtered by status (open, overdue, closed); overdue first. */
    @GET
    public TemplateInstance board(@RestQuery String status) {
        return list(false, status);
    }

    /** The calls you opened, overdue first, each with its next step. */
    @GET
    @Path("mine")
    public TemplateInstance mine(@RestQuery String status) {
        return list(true, status);
    }

    private TemplateInstance list(boolean mine, String status) {
        Viewer viewer = currentUser.viewer();
        String wanted = status != null && CallList.STATUSES.contains(status) ? status : null; // a filter typed by hand shows everything
        return Templates.list(callList.list(viewer, mine, wanted), mine, wanted, permissions.canOpenCall(viewer),
                mine ? "/calls/mine" : "/calls");
    }

    /**
     * {@code nudged}: back from a nudge; {@code redacted}: back from a reply whose contact details
     * were removed. Each is confirmed by a fixed sentence, never by text from the address.
     * {@code shown}: back from Show number, the one-time token under which the number waits (R16).
     */
    @GET
    @Path("{id}")
    public TemplateInstance call(@PathParam("id") long id, @RestQuery boolean nudged, @RestQuery String redacted,
            @RestQuery String shown) {
        int removed = redacted != null && redacted.matches("\\d{1,4}") ? Integer.parseInt(redacted) : 0;
        Long me = currentUser.viewer().accountId();
        RevealedPhone revealed = me != null && reveals.take(shown, me, id)
                ? revealed(board.callerPhoneJustRevealed(currentUser.viewer(), id)) : null;
        String notice = shown != null && revealed == null
                ? "The number is shown once. Press Show number again if you need it: each time is recorded." : null;
        return page(id, new PageState(null, null, null, Map.of(), revealed, null), nudged, removed, notice);
    }

    /**
     * R16: the POST reveals and audits, then redirects to the call's page, which shows the number
     * once; a reload neither resubmits nor reveals it again. The number is never in a URL.
     */
    @POST
    @SignedInOnly
    @Path("{id}/caller-phone")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revealPhone(@PathParam("id") long id) {
        Viewer viewer = currentUser.viewer();
        board.revealCallerPhone(viewer, id); // the audited reveal; the page it leads to shows the number
        return seeOther("/calls/" + id + "?shown=" + reveals.keep(viewer.accountId(), id) + "#caller");
    }

    /** The number with its withheld-ID call link (R14). */
    private RevealedPhone revealed(String phone) {
        String prefix = safety.withholdPrefix();
        String dial = phoneNumbers.withheldDial(phone, prefix);
        return new RevealedPhone(phone, dial, dial.startsWith("+") ? "" : prefix);
    }

    @POST
    @SignedInOnly
    @Path("{id}/attempts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object attempt(@PathParam("id") long id, @RestForm String contactType, @RestForm String contact,
            @RestForm String result, @RestForm String reason, @RestForm boolean cleanTime, @RestForm boolean willing,
            @RestForm boolean knowsGuidelines, @RestForm String acceptedFor, @RestForm String partnerVolunteerId,
            @RestForm String partnerFirstName, @RestForm boolean vouched, @RestForm boolean invitedToList,
            @RestForm String invitedFirstName, @RestForm String notes, @RestForm String corrects) {
        Long volunteerId = null;
        Long meetingId = null;
        String type = contactType;
        // a contact picked from the list says its own kind (the page folds "who you tried" away then)
        if (contact != null && contact.startsWith("v:")) {
            volunteerId = id(contact.substring(2));
            type = "volunteer";
        } else if (contact != null && contact.startsWith("m:")) {
            meetingId = id(contact.substring(2));
            type = "meeting";
        }
        // the page's reason radios stay as picked when the result changes: only a not_eligible result sends one
        String why = "not_eligible".equals(result) ? blankToNull(reason) : null;
        // R7 on the page: the one who vouches for a partner off the list is the volunteer who accepted
        Long voucher = vouched ? volunteerId : null;
        CallForms.AttemptForm form = new CallForms.AttemptForm(type, volunteerId, meetingId, result, why,
                new CallForms.Checks(cleanTime, willing, knowsGuidelines), blankToNull(acceptedFor), id(partnerVolunteerId),
                blankToNull(partnerFirstName), voucher, invitedToList, blankToNull(invitedFirstName), notes, id(corrects));
        Map<String, String> typed = new HashMap<>(Map.of("contactType", nz(contactType), "contact", nz(contact),
                "result", nz(result), "acceptedFor", nz(acceptedFor), "partnerVolunteerId", nz(partnerVolunteerId),
                "notes", nz(notes), "checks", (cleanTime ? "c" : "") + (willing ? "w" : "") + (knowsGuidelines ? "k" : ""),
                "invitedToList", invitedToList ? "true" : "", "corrects", nz(corrects)));
        typed.putAll(Map.of("reason", nz(reason), "partnerFirstName", nz(partnerFirstName), "vouched", vouched ? "true" : "",
                "invitedFirstName", nz(invitedFirstName)));
        return act(id, "attempt", typed, () -> board.logAttempt(currentUser.viewer(), id, form));
    }

    @POST
    @SignedInOnly
    @Path("{id}/report-backs")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object reportBack(@PathParam("id") long id, @RestForm String attemptId, @RestForm String result,
            @RestForm String notes, @RestForm String corrects) {
        return act(id, "report", Map.of("attemptId", nz(attemptId), "result", nz(result), "notes", nz(notes),
                "corrects", nz(corrects)), () -> board.logReportBack(currentUser.viewer(), id,
                        new CallForms.ReportBackForm(null, null, id(attemptId), result, notes, id(corrects))));
    }

    @POST
    @SignedInOnly
    @Path("{id}/callbacks")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object callback(@PathParam("id") long id, @RestForm String reached, @RestForm String notes,
            @RestForm String corrects) {
        return act(id, "callback", Map.of("reached", nz(reached), "notes", nz(notes), "corrects", nz(corrects)),
                () -> board.logCallback(currentUser.viewer(), id,
                        new CallForms.CallbackForm(yesNo(reached), notes, id(corrects))));
    }

    @POST
    @SignedInOnly
    @Path("{id}/close")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object close(@PathParam("id") long id, @RestForm String outcome, @RestForm String notes) {
        return act(id, "close", Map.of("outcome", nz(outcome), "notes", nz(notes)), () -> {
            board.close(currentUser.viewer(), id, new CallForms.CloseForm(outcome, notes));
            return 0L;
        });
    }

    /** The group message (R10), shown for copying once the list and the meetings were tried. */
    @POST
    @SignedInOnly
    @Path("{id}/group-message")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object groupMessage(@PathParam("id") long id) {
        try {
            return page(id, new PageState(null, null, null, Map.of(), null, board.groupMessage(currentUser.viewer(), id)));
        } catch (ApiException e) {
            if (e.status() != 409) {
                throw e;
            }
            return Response.status(409).entity(page(id, new PageState(e.getMessage(), "group", null, Map.of(), null, null)))
                    .build();
        }
    }

    @POST
    @SignedInOnly
    @Path("{id}/nudge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response nudge(@PathParam("id") long id, @RestForm String from) {
        overdue.nudge(currentUser.viewer(), id);
        return seeOther("overdue".equals(from) ? "/calls/overdue?nudged=" + id : "/calls/" + id + "?nudged=true");
    }

    /** {@code nudged}: the call whose opener was just nudged, confirmed by name. */
    @GET
    @Path("overdue")
    public TemplateInstance overdueList(@RestQuery Long nudged) {
        List<OverdueCalls.Overdue> calls = overdue.list(currentUser.viewer());
        String notice = calls.stream().filter(c -> nudged != null && c.topicId() == nudged).findFirst()
                .map(c -> c.openerName() + " has been asked for an update on call " + c.number() + ".").orElse(null);
        return Templates.overdue(calls, notice);
    }

    private Object act(long id, String formName, Map<String, String> typed, java.util.function.Supplier<Long> action) {
        try {
            action.get();
            return seeOther("/calls/" + id + "#timeline");
        } catch (ApiException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            return Response.status(e.status())
                    .entity(page(id, new PageState(e.getMessage(), formName, field(e), typed, null, null))).build();
        }
    }

    private TemplateInstance page(long id, PageState state) {
        return page(id, state, false, 0, null);
    }

    private TemplateInstance page(long id, PageState state, boolean nudged, int removed, String shownNotice) {
        Viewer viewer = currentUser.viewer();
        CallView call = board.view(viewer, id);
        ContactMatcher.Contacts contacts = !call.opener() || call.isClosed() ? null
                : viewer.viaApiKey() ? ContactMatcher.Contacts.withheld(ApiKeysStopHere.MESSAGE)
                : board.contacts(viewer, id);
        boolean coordinator = permissions.canManageList(viewer);
        OffsetDateTime lastNudged = coordinator ? overdue.lastNudged(id) : null;
        String notice = nudged && lastNudged != null ? call.openerName() + " has been asked for an update."
                : removed > 0 ? "We removed " + removed + (removed == 1 ? " phone number or e-mail address" : " phone numbers or e-mail addresses")
                        + " from what you wrote before saving it. Contact details are never stored in posts."
                : shownNotice;
        // one form open at a time: the refused one, else the group message just prepared, else the next step's
        String openForm = state.errorForm() != null ? state.errorForm()
                : state.groupMessage() != null ? "group" : call.nextStep().form();
        PageState shown = state.errorForm() == null && contacts != null
                ? state.withAttemptDefaults(AttemptDefaults.of(call, contacts)) : state;
        return Templates.call(call, forumQueries.topic(viewer, id).posts(), contacts, shown, coordinator,
                safety.withholdNumber(), safety.emergency(), CallGuidance.CHECKS_BEFORE_ASKING, lastNudged, notice, openForm,
                AttemptDefaults.tried(call), call.attempts().isEmpty() ? CallGuidance.CALL_BACK_SOON : null);
    }

    private static String field(ApiException e) {
        return e.field() != null ? e.field() : switch (e.code()) {
            case "requester_not_addict" -> "requesterIsAddict";
            case "prison_gate" -> "prisonGateRequest";
            case "phone_mismatch" -> "callerPhoneConfirm";
            case "phone_invalid" -> "callerPhone";
            case "checks_incomplete" -> "checks";
            case "visit_needs_partner" -> "partnerVolunteerId";
            case "contact_not_accepted" -> "attemptId";
            case "group_too_early" -> "contactType";
            default -> null;
        };
    }

    private static Boolean yesNo(String value) {
        return value == null || value.isBlank() ? null : Boolean.valueOf("yes".equals(value) || "true".equals(value));
    }

    private static Long id(String value) {
        return value != null && value.matches("\\d{1,18}") ? Long.valueOf(value) : null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    private static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }
}
