package org.stepcalls.forum.web;

import java.util.EnumSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.stepcalls.platform.security.Role;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.WarmUpExercise;

/**
 * The latest page, queried and rendered by {@link ForumPages}' own code for a member, and thrown
 * away. The member is nobody: an account id no account has, so the list shows no reading state and
 * nothing reads as theirs. Outside a request the layout renders as a signed-out visitor's; pages
 * with a form (a topic's reply box) need a request's CSRF token and are left to the real traffic.
 */
@ApplicationScoped
class ForumPagesWarmUp implements WarmUpExercise {

    private static final Viewer NOBODY = new Viewer(-1L, EnumSet.of(Role.MEMBER));

    private final ForumPages pages;

    ForumPagesWarmUp(ForumPages pages) {
        this.pages = pages;
    }

    @Override
    public String name() {
        return "the latest page";
    }

    @Override
    @ActivateRequestContext
    public boolean run() {
        render();
        return true;
    }

    String render() {
        return pages.latestPage(NOBODY, null).render();
    }
}
