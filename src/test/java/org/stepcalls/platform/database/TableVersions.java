package org.stepcalls.platform.database;

import java.time.Duration;

import org.stepcalls.Eventually;

/** For tests elsewhere: waits until this instance has heard of a change to a table. */
public final class TableVersions {

    private TableVersions() {
    }

    public static long now(TableChanges changes, String table) {
        return changes.version(table);
    }

    /** Until the table's version has moved on from {@code seen}; false if it did not within {@code atMost}. */
    public static boolean awaitChangeSince(TableChanges changes, String table, long seen, Duration atMost)
            throws InterruptedException {
        return Eventually.within(atMost, () -> {
            long version = changes.version(table);
            return version != TableChanges.UNKNOWN && version != seen;
        });
    }

    /** Until the table's version has stayed the same for {@code quiet}; false if that did not happen within {@code atMost}. */
    public static boolean awaitQuiet(TableChanges changes, String table, Duration quiet, Duration atMost)
            throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        long version = changes.version(table);
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(10);
            long now = changes.version(table);
            if (now != version || now == TableChanges.UNKNOWN) {
                version = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since >= quiet.toNanos()) {
                return true;
            }
        }
        return false;
    }
}
