package org.stepcalls.platform.metrics;

import jakarta.enterprise.context.ApplicationScoped;

/** A queue of three, standing in for a feature's real one (the e-mail outbox) in the tests. */
@ApplicationScoped
class FixedBacklog implements Backlog {

    @Override
    public String name() {
        return "test_queue";
    }

    @Override
    public long size() {
        return 3;
    }
}
