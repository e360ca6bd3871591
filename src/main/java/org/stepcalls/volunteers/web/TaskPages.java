package org.stepcalls.volunteers.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.SignedInOnly;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.volunteers.VolunteerTasks;
import org.stepcalls.volunteers.VolunteerTasks.TaskDone;
import org.stepcalls.volunteers.VolunteerTasks.TaskList;
import org.stepcalls.volunteers.VolunteerTasks.TaskView;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** /tasks: what calls taught the helpline about its list, for coordinators to settle one by one. */
@Path("/tasks")
@Produces(MediaType.TEXT_HTML)
@SignedInOnly
public class TaskPages {

    @CheckedTemplate
    static class Templates {
        /** {@code errorTask}: the task whose form was refused, shown again with {@code error} and what was typed. */
        static native TemplateInstance list(TaskList tasks, long errorTask, String error, String typedCleanDate,
                String notice);
    }

    private final VolunteerTasks tasks;
    private final CurrentUser currentUser;

    TaskPages(VolunteerTasks tasks, CurrentUser currentUser) {
        this.tasks = tasks;
        this.currentUser = currentUser;
    }

    /** {@code done}: the task just settled, confirmed by a fixed sentence. */
    @GET
    public TemplateInstance list(@RestQuery Long done) {
        return Templates.list(tasks.list(currentUser.viewer()), 0, null, "",
                done == null ? null : "Done. The task is in the list below.");
    }

    @POST
    @Path("{id}/done")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object done(@PathParam("id") long id, @RestForm String cleanDate, @RestForm String removeFromList,
            @RestForm String removeContact) {
        try {
            TaskDone form = new TaskDone(date(cleanDate), "true".equals(removeFromList), "true".equals(removeContact));
            TaskView task = tasks.done(currentUser.viewer(), id, form);
            return VolunteerPages.seeOther("/tasks?done=" + task.id() + "#task-" + task.id());
        } catch (ApiException e) {
            return VolunteerPages.refused(e, Templates.list(tasks.list(currentUser.viewer()), id, e.getMessage(),
                    cleanDate == null ? "" : cleanDate, null));
        }
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField("cleanDate", "Give the clean date as a date, such as 2026-11-30.");
        }
    }
}
