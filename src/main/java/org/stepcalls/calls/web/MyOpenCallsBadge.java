package org.stepcalls.calls.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import org.stepcalls.calls.CallList;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.Role;

/**
 * The helpliner's open calls in the page header ({@code inject:myOpenCalls.count}): the calls
 * board's own bean, so the layout needs no import of it. Asked once per page.
 */
@RequestScoped
@Named("myOpenCalls")
public class MyOpenCallsBadge {

    private final CallList callList;
    private final CurrentUser currentUser;
    private Long count;

    MyOpenCallsBadge(CallList callList, CurrentUser currentUser) {
        this.callList = callList;
        this.currentUser = currentUser;
    }

    public long count() {
        if (io.vertx.core.Context.isOnEventLoopThread() || !currentUser.has(Role.HELPLINER)) {
            return 0; // an error page rendered on an I/O thread cannot query; helpliners alone open calls
        }
        if (count == null) {
            count = callList.openedAndOpen(currentUser.viewer());
        }
        return count;
    }
}
