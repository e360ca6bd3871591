package org.stepcalls.forum.web;

import jakarta.enterprise.context.ApplicationScoped;

import org.stepcalls.platform.security.Nobody;
import org.stepcalls.platform.web.WarmUpExercise;

/**
 * The latest page as a signed-in member asks for it — {@link ForumPages}' own resource method, the
 * signed-in layout with its header counts and role checks — rendered and thrown away. The member is
 * {@link Nobody}: an account id no account has, so the list shows no reading state and nothing
 * reads as theirs. Pages with a form (a topic's reply box) need a real request's CSRF token and are
 * left to the real traffic.
 */
@ApplicationScoped
class ForumPagesWarmUp implements WarmUpExercise {

    private final ForumPages pages;
    private final Nobody nobody;

    ForumPagesWarmUp(ForumPages pages, Nobody nobody) {
        this.pages = pages;
        this.nobody = nobody;
    }

    @Override
    public String name() {
        return "the latest page";
    }

    @Override
    public boolean run() {
        render();
        return true;
    }

    String render() {
        return nobody.signedIn(() -> pages.latest(null).render());
    }
}
