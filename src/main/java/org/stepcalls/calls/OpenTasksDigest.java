package org.stepcalls.calls;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.stepcalls.volunteers.VolunteerTasks;

/**
 * The digest's open list tasks (R9, R13), raised on calls: how many of each, never whom — a
 * relapse or someone wanting to leave is the coordinators' to read at /tasks, not a mailbox's.
 */
@ApplicationScoped
class OpenTasksDigest implements DigestSection {

    private final VolunteerTasks tasks;

    OpenTasksDigest(VolunteerTasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public int position() {
        return 20;
    }

    @Override
    public String heading() {
        return "Open 12th Step list tasks (see Tasks)";
    }

    @Override
    public List<String> lines() {
        Map<String, Long> open = tasks.openByKind();
        List<String> lines = new ArrayList<>();
        add(lines, open.get("relapse"), "eligibility check after a relapse", "eligibility checks after a relapse");
        add(lines, open.get("check_eligibility"), "other eligibility check", "other eligibility checks");
        add(lines, open.get("remove_from_list"), "volunteer asking to leave the list", "volunteers asking to leave the list");
        add(lines, open.get("send_list_form"), "12th Step list form to send", "12th Step list forms to send");
        add(lines, open.get("check_meeting_contact"), "meeting contact to check (someone left the list)",
                "meeting contacts to check (people left the list)");
        return lines;
    }

    private static void add(List<String> lines, Long count, String one, String many) {
        if (count != null && count > 0) {
            lines.add(count + " " + (count == 1 ? one : many));
        }
    }
}
