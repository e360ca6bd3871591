package org.stepcalls.platform.database;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code java -jar quarkus-run.jar backup DIR} and {@code … restore DIR}: run before the
 * application starts (they never start a second server on the data directory). The data directory
 * is {@code STEPCALLS_DATA_DIR}, as for the app ({@code ./stepcalls-data} by default).
 */
public final class BackupCommand {

    private BackupCommand() {
    }

    public static boolean handles(String[] args) {
        return args.length >= 1 && (args[0].equals("backup") || args[0].equals("restore"));
    }

    /** Runs the command; the process's exit code. */
    public static int run(String[] args, Map<String, String> environment) {
        if (args.length != 2) {
            System.err.println("usage: java -jar quarkus-run.jar backup|restore DIR   (the data directory: STEPCALLS_DATA_DIR)");
            return 2;
        }
        Path data = Path.of(environment.getOrDefault("STEPCALLS_DATA_DIR", "./stepcalls-data")).toAbsolutePath();
        Path directory = Path.of(args[1]).toAbsolutePath();
        try {
            if (args[0].equals("backup")) {
                long started = System.nanoTime();
                OnlineBackup.Taken taken = OnlineBackup.take(data, directory);
                System.out.printf("Backed up %s into %s while it ran: %,d bytes and %d WAL segments in %d ms, consistent"
                        + " at WAL position %s%n", data, directory, taken.bytes(), taken.walSegments(),
                        (System.nanoTime() - started) / 1_000_000, taken.stopLsn());
            } else {
                OnlineBackup.restore(directory, data);
                System.out.printf("Restored %s into %s; start the app on it (STEPCALLS_DATA_DIR=%s)%n", directory, data, data);
            }
            return 0;
        } catch (Exception failed) {
            // file names and SQL states only: the tools never print a row
            System.err.println(args[0] + " failed: " + failed.getMessage());
            return 1;
        }
    }
}
