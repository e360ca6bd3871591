package org.stepcalls.platform.time;

import java.time.OffsetDateTime;

import io.quarkus.test.junit.QuarkusMock;

/** The app's clock, set to a moment of the test's choosing until {@link #reset()}; installed for one test. */
public class MovableClock extends AppClock {

    private volatile OffsetDateTime at;

    /** Call from the test method (or a @BeforeEach): QuarkusMock scopes it to that test. */
    public static MovableClock install() {
        MovableClock clock = new MovableClock();
        QuarkusMock.installMockForType(clock, AppClock.class);
        return clock;
    }

    public void set(OffsetDateTime moment) {
        at = moment;
    }

    public void reset() {
        at = null;
    }

    @Override
    public OffsetDateTime now() {
        OffsetDateTime moment = at;
        return moment == null ? super.now() : moment;
    }
}
