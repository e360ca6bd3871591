package org.stepcalls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary directories the tests fill (browser profiles, PostgreSQL data, app volumes) removed when
 * the test JVM exits: each run wrote hundreds of megabytes to {@code /tmp} and left them there. The
 * processes using them are stopped by their tests before that; a directory still in use is removed
 * all the same (Linux keeps open files readable).
 */
public final class ScratchDirectories {

    private static final List<Path> CREATED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ScratchDirectories::deleteAll, "stepcalls-scratch-cleanup"));
    }

    private ScratchDirectories() {
    }

    /** A new empty directory in the system's temporary directory, gone when the JVM exits. */
    public static Path create(String prefix) throws IOException {
        Path directory = Files.createTempDirectory(prefix);
        synchronized (CREATED) {
            CREATED.add(directory);
        }
        return directory;
    }

    private static void deleteAll() {
        synchronized (CREATED) {
            for (Path directory : CREATED) {
                try (Stream<Path> paths = Files.walk(directory)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                } catch (IOException | RuntimeException e) {
                    System.err.println("could not remove " + directory + ": " + e);
                }
            }
        }
    }
}
