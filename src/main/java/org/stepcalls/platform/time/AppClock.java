package org.stepcalls.platform.time;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The time a call is opened at and the purge runs at: the system clock. A bean, so that tests can
 * open a call in a past week and let retention run out without waiting for it.
 */
@ApplicationScoped
public class AppClock {

    public OffsetDateTime now() {
        return OffsetDateTime.now();
    }
}
