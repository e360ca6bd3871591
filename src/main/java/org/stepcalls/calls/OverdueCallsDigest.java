package org.stepcalls.calls;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.stepcalls.platform.security.Account;

/** The digest's overdue calls: number, area, opener and how long it has been quiet (R15). */
@ApplicationScoped
class OverdueCallsDigest implements DigestSection {

    private final OverdueCalls overdueCalls;

    OverdueCallsDigest(OverdueCalls overdueCalls) {
        this.overdueCalls = overdueCalls;
    }

    @Override
    public int position() {
        return 10;
    }

    @Override
    public String heading() {
        return "Overdue calls";
    }

    @Override
    public List<String> lines() {
        return overdueCalls.overdue().stream().map(call -> OverdueCalls.label(call) + ", opened by "
                + Account.<Account> findById(call.openerId).displayName + ": no update for " + OverdueCalls.quietFor(call))
                .toList();
    }
}
