package org.stepcalls.volunteers.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.SignedInOnly;
import org.stepcalls.volunteers.VolunteerTasks;
import org.stepcalls.volunteers.VolunteerTasks.TaskDone;
import org.stepcalls.volunteers.VolunteerTasks.TaskList;
import org.stepcalls.volunteers.VolunteerTasks.TaskView;

import io.quarkus.security.Authenticated;

/** The coordinators' tasks that calls raise about the list (API.md "Additions"). */
@Path("/api/tasks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SignedInOnly
public class TasksResource {

    private final VolunteerTasks tasks;
    private final CurrentUser currentUser;

    TasksResource(VolunteerTasks tasks, CurrentUser currentUser) {
        this.tasks = tasks;
        this.currentUser = currentUser;
    }

    /** Open tasks oldest first, then the latest done ones. */
    @GET
    public TaskList list() {
        return tasks.list(currentUser.viewer());
    }

    /**
     * A body is optional: {@code {cleanDate}} (a relapse needs it) or {@code {removeFromList: true}}; a meeting
     * contact to check is kept without one, removed with {@code {removeContact: true}}.
     */
    @POST
    @Path("/{id}/done")
    @Consumes(MediaType.APPLICATION_JSON)
    public TaskView done(@PathParam("id") long id, TaskDone form) {
        return tasks.done(currentUser.viewer(), id, form == null ? new TaskDone(null, null, null) : form);
    }
}
