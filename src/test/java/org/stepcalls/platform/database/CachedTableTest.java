package org.stepcalls.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;

import org.junit.jupiter.api.Test;

/** What a cache keeps, and when it keeps nothing: the listener's state set by hand, no database. */
class CachedTableTest {

    private final TableChanges changes = new TableChanges(null);
    private final CachedTable<String> cached = changes.cache("accounts");

    @Test
    void whileChangesCannotBeHeardNothingIsKeptAndWhatWasKeptBeforeIsDropped() throws Exception {
        hearing(true);
        assertThat(cached.get(() -> "read while listening")).isEqualTo("read while listening");
        assertThat(cached.get(() -> "read again")).as("kept while the table is unchanged").isEqualTo("read while listening");

        hearing(false); // the listening connection is gone: a change now would not be heard
        assertThat(cached.get(() -> "read while deaf")).isEqualTo("read while deaf");
        assertThat(cached.get(() -> "read while deaf, again")).as("nothing kept while deaf").isEqualTo("read while deaf, again");

        hearing(true); // even were the version not moved on, the entry from before the outage is gone (it may hold an erased name)
        assertThat(cached.get(() -> "read after")).isEqualTo("read after");
    }

    @Test
    void forgettingDropsTheKeptValueAtOnce() throws Exception {
        hearing(true);
        cached.get(() -> "kept");
        cached.forget();
        assertThat(cached.get(() -> "read afresh")).isEqualTo("read afresh");
    }

    private void hearing(boolean listening) throws Exception {
        Field field = TableChanges.class.getDeclaredField("listening");
        field.setAccessible(true);
        field.set(changes, listening);
    }
}
