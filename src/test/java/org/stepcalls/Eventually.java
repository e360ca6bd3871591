package org.stepcalls;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** For what the app does a moment later (a notification heard, a batch written): asked until true, within a bound. */
public final class Eventually {

    private Eventually() {
    }

    /** Whether {@code condition} became true within {@code atMost}; asked every 10 ms. */
    public static boolean within(Duration atMost, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
