package org.stepcalls.volunteers.web;

import jakarta.enterprise.context.ApplicationScoped;

import org.stepcalls.forum.Permissions;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.HeaderCount;
import org.stepcalls.volunteers.VolunteerTasks;

/** The coordinators' open tasks, beside Tasks in the header menu. */
@ApplicationScoped
class OpenTasksCount implements HeaderCount {

    private final Permissions permissions;

    OpenTasksCount(Permissions permissions) {
        this.permissions = permissions;
    }

    @Override
    public String name() {
        return "tasks";
    }

    @Override
    public boolean shownTo(Viewer viewer) {
        return permissions.canManageList(viewer);
    }

    @Override
    public String sql() {
        return VolunteerTasks.OPEN_COUNT;
    }
}
