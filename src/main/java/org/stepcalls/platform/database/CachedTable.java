package org.stepcalls.platform.database;

import java.util.function.Supplier;

/**
 * Something read from one table, kept until that table changes on any app instance
 * ({@link TableChanges}); while changes cannot be heard it is read afresh every time.
 */
public final class CachedTable<T> {

    private record Entry<T>(long version, T value) {
    }

    private final TableChanges changes;
    private final String table;
    private volatile Entry<T> entry;

    CachedTable(TableChanges changes, String table) {
        this.changes = changes;
        this.table = table;
    }

    /** The kept value, or {@code load}'s when the table changed since (read the version first: a change during the load is not lost). */
    public T get(Supplier<T> load) {
        long version = changes.version(table);
        Entry<T> kept = entry;
        if (version != TableChanges.UNKNOWN && kept != null && kept.version() == version) {
            return kept.value();
        }
        T fresh = load.get();
        // while deaf nothing is kept, and what was kept before goes: it may hold what a change removed
        entry = version != TableChanges.UNKNOWN ? new Entry<>(version, fresh) : null;
        return fresh;
    }

    /** Drops the kept value now, on this instance: the next {@link #get} loads afresh. */
    public void forget() {
        entry = null;
    }
}
