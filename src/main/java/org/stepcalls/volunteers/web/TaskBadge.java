package org.stepcalls.volunteers.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.volunteers.VolunteerTasks;

/** The coordinator's open-task count in the page header ({@code inject:taskBadge.count}); asked once per page. */
@RequestScoped
@Named("taskBadge")
public class TaskBadge {

    private final VolunteerTasks tasks;
    private final CurrentUser currentUser;
    private Long count;

    TaskBadge(VolunteerTasks tasks, CurrentUser currentUser) {
        this.tasks = tasks;
        this.currentUser = currentUser;
    }

    public long count() {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            return 0; // an error page rendered on an I/O thread cannot query; the next page shows the count
        }
        if (count == null) {
            count = tasks.openCount(currentUser.viewer());
        }
        return count;
    }
}
