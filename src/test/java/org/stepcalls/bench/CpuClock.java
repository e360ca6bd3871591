package org.stepcalls.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * CPU time used by the app's process and by PostgreSQL (the postmaster, its live children and the
 * children that already exited), read from /proc. Per request it is a figure that another program
 * sharing the two cores hardly moves, where req/s halves.
 */
final class CpuClock {

    /** USER_HZ: what /proc counts CPU time in, 100 on every Linux build this runs on. */
    private static final double MILLIS_PER_TICK = 10;

    private final LongSupplier appPid;
    private final Path dataDirectory;

    CpuClock(LongSupplier appPid, Path dataDirectory) {
        this.appPid = appPid;
        this.dataDirectory = dataDirectory;
    }

    /** [app, database] ticks so far. */
    long[] ticks() throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
        long database = ticks(postmaster, true);
        for (long child : ProcessHandle.of(postmaster).map(p -> p.children().mapToLong(ProcessHandle::pid).toArray())
                .orElse(new long[0])) {
            database += ticks(child, false);
        }
        return new long[] { ticks(appPid.getAsLong(), false), database };
    }

    static double millisPerRequest(long before, long after, double requests) {
        return requests > 0 ? (after - before) * MILLIS_PER_TICK / requests : 0;
    }

    /** utime + stime (and, for the postmaster, what its exited children used: cutime + cstime). */
    private static long ticks(long pid, boolean withExitedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // fields after the command name, which may hold spaces and ends at the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return withExitedChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
        } catch (IOException | RuntimeException gone) {
            return 0; // a backend that exited between listing and reading: its time is in the postmaster's cutime
        }
    }
}
