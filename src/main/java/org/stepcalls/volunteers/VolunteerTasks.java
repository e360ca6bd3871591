package org.stepcalls.volunteers;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.stepcalls.forum.Permissions;
import org.stepcalls.platform.security.Account;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.privacy.AuditLog;
import org.stepcalls.privacy.AuditLog.Action;

/**
 * Calls feed the list: a volunteer found not eligible or wanting off the list is taken out of
 * matching at once and handed to a coordinator; a contact invited to join is a form to send (R6,
 * R9, R13). Tasks name an entry or a first name only — never the call, so never its caller.
 */
@ApplicationScoped
@Transactional
public class VolunteerTasks {

    public static final Set<String> REASONS = Set.of("relapsed", "not_willing", "other");
    /** Done tasks stay listed this long, so a coordinator sees what was settled lately. */
    static final int DONE_SHOWN = 30;

    /**
     * A task as coordinators see it: {@code firstName} is the entry's (while it is on the list), the invited
     * contact's, or the meeting's contact's (while it has one); {@code meetingName} names a meeting to check.
     */
    public record TaskView(long id, String kind, String reason, Long volunteerId, String firstName, LocalDate cleanDate,
            String raisedBy, OffsetDateTime createdAt, boolean done, OffsetDateTime doneAt, String resolution, Long meetingId,
            String meetingName) {
    }

    public record TaskList(List<TaskView> tasks) {
    }

    /** How a coordinator settles a task: a new clean date (a relapse needs one), the entry's removal, or a meeting contact's. */
    public record TaskDone(LocalDate cleanDate, Boolean removeFromList, Boolean removeContact) {
    }

    private final Permissions permissions;
    private final VolunteerList list;
    private final AuditLog audit;
    private final ListNames names;

    VolunteerTasks(Permissions permissions, VolunteerList list, AuditLog audit, ListNames names) {
        this.permissions = permissions;
        this.list = list;
        this.audit = audit;
        this.names = names;
    }

    /** Not eligible after all (R6): out of matching until a coordinator has checked. */
    public void checkEligibility(Viewer raisedBy, long volunteerId, String reason) {
        if (!REASONS.contains(reason)) {
            throw ApiException.invalidField("reason", "reason_required",
                    "Say why they are not eligible: relapsed, not up for it, or other.");
        }
        hold(raisedBy, volunteerId, VolunteerTask.CHECK_ELIGIBILITY, reason);
    }

    /** R13: they no longer want to be part of the service; nobody rings them while a coordinator removes them. */
    public void removeFromList(Viewer raisedBy, long volunteerId) {
        hold(raisedBy, volunteerId, VolunteerTask.REMOVE_FROM_LIST, null);
    }

    /** R9: send the list's form to a contact, named only by the first name the helpliner gives. */
    public void sendListForm(Viewer raisedBy, String firstName) {
        VolunteerTask task = task(raisedBy, VolunteerTask.SEND_LIST_FORM);
        task.firstName = firstName(firstName, "invitedFirstName");
        task.persist();
    }

    /**
     * R13: someone leaving the list gave the number of this meeting's contact. The number alone does not
     * say it is the same person, so a coordinator checks; one open task per meeting.
     */
    static void checkMeetingContact(Viewer raisedBy, long meetingId) {
        if (VolunteerTask.count("meetingId = ?1 and doneAt is null", meetingId) == 0) {
            VolunteerTask task = task(raisedBy, VolunteerTask.CHECK_MEETING_CONTACT);
            task.meetingId = meetingId;
            task.persist();
        }
    }

    /** The meetings whose contact is being checked: offered to no helpliner meanwhile (R13). */
    static Set<Long> meetingContactsOnHold() {
        return Set.copyOf(VolunteerTask.getEntityManager().createQuery(
                "select t.meetingId from VolunteerTask t where t.doneAt is null and t.meetingId is not null", Long.class)
                .getResultList());
    }

    /** A coordinator changed or removed a meeting's contact: the checks of the number that was there are settled. */
    void meetingContactGone(Viewer viewer, long meetingId) {
        VolunteerTask.<VolunteerTask> list("meetingId = ?1 and doneAt is null", meetingId)
                .forEach(task -> settle(viewer, task, "contact_removed"));
    }

    /** A first name as the list takes one: letters, no number or address in it; the 400 names {@code field}. */
    public String firstName(String value, String field) {
        String name = value == null ? "" : value.strip();
        if (!VolunteerList.FIRST_NAME.matcher(name).matches()) {
            throw ApiException.invalidField(field, "Give their first name only: letters, up to 40 characters, no number.");
        }
        names.requireNoContactDetails(field, "first name", name);
        return name;
    }

    /** R6 now: active, guidelines acknowledged, enough clean time, and not held back by an open task. */
    public boolean eligibleNow(long volunteerId) {
        Volunteer volunteer = Volunteer.findById(volunteerId);
        return volunteer != null && list.eligible(volunteer) && !heldBack(volunteerId);
    }

    public TaskList list(Viewer viewer) {
        requireCoordinator(viewer);
        List<VolunteerTask> open = VolunteerTask.list("doneAt is null order by createdAt, id");
        List<VolunteerTask> done = VolunteerTask.find("doneAt is not null order by doneAt desc, id desc").page(0, DONE_SHOWN)
                .list();
        List<VolunteerTask> all = new java.util.ArrayList<>(open);
        all.addAll(done);
        Map<Long, Volunteer> volunteers = byId(Volunteer.list("id in ?1", ids(all, t -> t.volunteerId)), v -> v.id);
        Map<Long, Account> accounts = byId(Account.list("id in ?1", ids(all, t -> t.raisedBy)), a -> a.id);
        Map<Long, Meeting> meetings = byId(Meeting.list("id in ?1", ids(all, t -> t.meetingId)), m -> m.id);
        return new TaskList(all.stream().map(t -> view(t, volunteers.get(t.volunteerId), accounts.get(t.raisedBy),
                meetings.get(t.meetingId))).toList());
    }

    /** Open tasks, for the coordinator's header ({@code OpenTasksCount}). */
    public static final String OPEN_COUNT = "SELECT count(*) FROM volunteer_tasks WHERE done_at IS NULL";

    /**
     * Open tasks by kind (and relapses apart), for the coordinators' digest: counts only — the digest
     * names no volunteer and no invited contact, the /tasks page does that for whoever signs in.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Long> openByKind() {
        return VolunteerTask.getSession().doReturningWork(connection -> {
            Map<String, Long> counts = new java.util.TreeMap<>();
            try (java.sql.PreparedStatement select = connection.prepareStatement("""
                    SELECT CASE WHEN reason = 'relapsed' THEN 'relapse' ELSE kind END, count(*)
                    FROM volunteer_tasks WHERE done_at IS NULL GROUP BY 1""");
                    java.sql.ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
            return counts;
        });
    }

    public TaskView done(Viewer viewer, long id, TaskDone form) {
        requireCoordinator(viewer);
        VolunteerTask task = VolunteerTask.findById(id);
        if (task == null) {
            throw ApiException.notFound();
        }
        if (task.isDone()) {
            throw ApiException.conflict("task_done", "This task is already done.");
        }
        if (task.kind.equals(VolunteerTask.CHECK_MEETING_CONTACT)) {
            return settleMeetingContact(viewer, task, Boolean.TRUE.equals(form.removeContact()));
        }
        Volunteer volunteer = task.volunteerId == null ? null : Volunteer.findById(task.volunteerId);
        boolean remove = Boolean.TRUE.equals(form.removeFromList()) || task.kind.equals(VolunteerTask.REMOVE_FROM_LIST);
        String resolution;
        if (task.kind.equals(VolunteerTask.SEND_LIST_FORM)) {
            resolution = "form_sent";
        } else if (volunteer == null) {
            resolution = "removed_from_list"; // they left the list meanwhile
        } else if (remove) {
            resolution = "removed_from_list";
        } else if (form.cleanDate() != null) {
            LocalDate cleanDate = form.cleanDate();
            if (cleanDate.isAfter(LocalDate.now()) || cleanDate.isBefore(VolunteerList.EARLIEST_CLEAN_DATE)) {
                throw ApiException.invalidField("cleanDate", "The clean date is the day after the last use; it cannot be in the future.");
            }
            volunteer.cleanDate = cleanDate;
            volunteer.updatedAt = OffsetDateTime.now();
            audit.recordListChange(viewer.accountId(), Action.VOLUNTEER_UPDATED, volunteer.id, null);
            resolution = "clean_date_updated";
        } else if ("relapsed".equals(task.reason)) {
            throw ApiException.invalidField("cleanDate", "clean_date_required", "A relapse resets the clean date (R6): give "
                    + "the new clean date, or remove them from the list.");
        } else {
            resolution = "kept_on_list";
        }
        settle(viewer, task, resolution);
        if (volunteer != null && resolution.equals("removed_from_list")) {
            // their other open tasks are settled by the same removal; then the entry and its number go (R13)
            VolunteerTask.<VolunteerTask> list("volunteerId = ?1 and doneAt is null", volunteer.id)
                    .forEach(other -> settle(viewer, other, resolution));
            list.remove(viewer, volunteer.id,
                    task.kind.equals(VolunteerTask.REMOVE_FROM_LIST) ? "asked_to_leave" : "no_longer_eligible");
            volunteer = null;
        }
        return view(task, volunteer, raiser(task), null);
    }

    /**
     * The meeting's contact goes, and its number with it (R13), or stays: it is someone else. A contact
     * already gone (a coordinator changed the meeting meanwhile) settles the task as removed.
     */
    private TaskView settleMeetingContact(Viewer viewer, VolunteerTask task, boolean remove) {
        Meeting meeting = Meeting.findById(task.meetingId);
        boolean hadContact = meeting.hasContact();
        if (remove && hadContact) {
            meeting.removeContact();
            audit.recordMeetingChange(viewer.accountId(), Action.MEETING_CONTACT_REMOVED, meeting.id, "asked_to_leave");
        }
        settle(viewer, task, remove || !hadContact ? "contact_removed" : "contact_kept");
        return view(task, null, raiser(task), meeting);
    }

    private static Account raiser(VolunteerTask task) {
        return task.raisedBy == null ? null : Account.findById(task.raisedBy);
    }

    private void settle(Viewer viewer, VolunteerTask task, String resolution) {
        task.doneAt = OffsetDateTime.now();
        task.doneBy = viewer.accountId();
        task.resolution = resolution;
        audit.recordListChange(viewer.accountId(), Action.TASK_DONE, task.volunteerId, resolution);
    }

    private void hold(Viewer raisedBy, long volunteerId, String kind, String reason) {
        if (VolunteerTask.count("volunteerId = ?1 and kind = ?2 and doneAt is null", volunteerId, kind) > 0) {
            return; // one open task per entry and kind: a second call finding the same is no new work
        }
        VolunteerTask task = task(raisedBy, kind);
        task.volunteerId = volunteerId;
        task.reason = reason;
        task.persist();
    }

    private static VolunteerTask task(Viewer raisedBy, String kind) {
        VolunteerTask task = new VolunteerTask();
        task.kind = kind;
        task.raisedBy = raisedBy.accountId();
        task.createdAt = OffsetDateTime.now();
        return task;
    }

    static boolean heldBack(long volunteerId) {
        return VolunteerTask.count("volunteerId = ?1 and doneAt is null and kind <> ?2", volunteerId,
                VolunteerTask.SEND_LIST_FORM) > 0;
    }

    private static TaskView view(VolunteerTask t, Volunteer volunteer, Account raisedBy, Meeting meeting) {
        // a settled check names nobody: the meeting's contact now may be someone else than the one checked
        String firstName = volunteer != null ? volunteer.firstName
                : t.kind.equals(VolunteerTask.CHECK_MEETING_CONTACT) ? (meeting != null && !t.isDone() ? meeting.contactName : null)
                : t.firstName;
        return new TaskView(t.id, t.kind, t.reason, t.volunteerId, firstName, volunteer == null ? null : volunteer.cleanDate,
                raisedBy == null ? null : raisedBy.displayName, t.createdAt, t.isDone(), t.doneAt, t.resolution, t.meetingId,
                meeting == null ? null : meeting.name);
    }

    private static List<Long> ids(List<VolunteerTask> tasks, Function<VolunteerTask, Long> id) {
        List<Long> ids = tasks.stream().map(id).filter(java.util.Objects::nonNull).distinct().toList();
        return ids.isEmpty() ? List.of(-1L) : ids;
    }

    private static <T> Map<Long, T> byId(List<T> rows, Function<T, Long> id) {
        return rows.stream().collect(Collectors.toMap(id, Function.identity()));
    }

    private void requireCoordinator(Viewer viewer) {
        if (!permissions.canManageList(viewer)) {
            throw ApiException.forbidden("Only coordinators see and settle the list's tasks.");
        }
    }
}
