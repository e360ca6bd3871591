package org.stepcalls.calls.web;

import jakarta.enterprise.context.ApplicationScoped;

import org.stepcalls.calls.CallList;
import org.stepcalls.platform.security.Role;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.HeaderCount;

/** The helpliner's calls still open, beside the bell: helpliners alone open calls. */
@ApplicationScoped
class OpenCallsCount implements HeaderCount {

    @Override
    public String name() {
        return "calls";
    }

    @Override
    public boolean shownTo(Viewer viewer) {
        return viewer.has(Role.HELPLINER);
    }

    @Override
    public String sql() {
        return CallList.OPENED_AND_OPEN;
    }
}
