package org.stepcalls.platform.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A consistent copy of the embedded database's data directory taken while the forum runs, with
 * PostgreSQL's own online backup: a temporary replication slot keeps the WAL the copy needs,
 * {@code pg_backup_start} (forcing full-page writes) marks where replay must begin, the files are
 * copied as they are, {@code pg_backup_stop} returns the {@code backup_label}, and the WAL written
 * meanwhile is copied after it. Started on the copy, PostgreSQL replays that WAL to the moment the
 * backup stopped, so every transaction committed before then is there and none half-done.
 *
 * <p>The copy holds the database's password file (the restored server opens with the same password)
 * but never the keyring or the master key, which are backed up apart (README, "Backups").
 */
public final class OnlineBackup {

    /** What a copy of a running data directory leaves out (PostgreSQL's list, plus our server log). */
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
            "tablespace_map", "backup_manifest");
    private static final Set<String> EMPTIED_DIRECTORIES = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans", PostgresServer.LOG_DIRECTORY);
    private static final String WAL = "pg_wal";

    private OnlineBackup() {
    }

    /** What a backup reports: the WAL position it is consistent at, and its size. */
    public record Taken(String stopLsn, long bytes, long walSegments) {
    }

    /**
     * Backs up the server running on {@code dataDirectory} into {@code target} (new or empty).
     *
     * @throws IOException if no server runs there, or the copy fails (the target is then incomplete)
     */
    public static Taken take(Path dataDirectory, Path target) throws IOException, SQLException {
        Path data = dataDirectory.toAbsolutePath();
        requireEmpty(target);
        PostgresServer server = running(data);
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            // a temporary slot (gone with this session, whatever happens) holds every WAL segment from now on
            statement.execute("SELECT pg_create_physical_replication_slot('stepcalls_backup_' || pg_backend_pid(), true, true)");
            statement.execute("SELECT pg_backup_start('stepcalls online backup', true)");
            long bytes = copyTree(data, target, true);
            String lsn;
            try (ResultSet stop = statement.executeQuery("SELECT lsn, labelfile, spcmapfile FROM pg_backup_stop(false)")) {
                stop.next();
                lsn = stop.getString(1);
                Files.writeString(target.resolve("backup_label"), stop.getString(2), StandardCharsets.UTF_8);
                String tablespaces = stop.getString(3);
                if (tablespaces != null && !tablespaces.isEmpty()) {
                    Files.writeString(target.resolve("tablespace_map"), tablespaces, StandardCharsets.UTF_8);
                }
            }
            long segments = copyWal(data.resolve(WAL), target.resolve(WAL));
            return new Taken(lsn, bytes, segments);
        }
    }

    /**
     * Puts a backup into {@code dataDirectory} (new or empty), ready for the app to start on: at its
     * first start PostgreSQL replays the backup's WAL and the database is as it was when the backup
     * stopped.
     */
    public static void restore(Path backup, Path dataDirectory) throws IOException {
        if (!Files.isRegularFile(backup.resolve("backup_label")) || !Files.isRegularFile(backup.resolve("PG_VERSION"))) {
            throw new IOException(backup + " is not a Stepcalls backup (no backup_label or PG_VERSION)");
        }
        requireEmpty(dataDirectory);
        copyTree(backup, dataDirectory, false);
        Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
    }

    private static PostgresServer running(Path data) throws IOException {
        Path pid = data.resolve("postmaster.pid");
        if (!Files.isRegularFile(pid)) {
            throw new IOException("No PostgreSQL runs on " + data + " (no postmaster.pid): start the app first."
                    + " A stopped data directory is copied as it is, with the app stopped");
        }
        List<String> lines = Files.readAllLines(pid);
        int port = Integer.parseInt(lines.get(3).strip()); // postmaster.pid: pid, data dir, start time, port, …
        return new PostgresServer(null, data, port, null, true);
    }

    private static void requireEmpty(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(directory + " is not empty: back up into (and restore to) a new directory");
                }
            }
        }
        Files.createDirectories(directory);
    }

    /**
     * Copies a tree; from a live data directory ({@code live}) without what a backup leaves out, and
     * skipping the files that vanish meanwhile (dropped relations, temporary files).
     */
    private static long copyTree(Path source, Path target, boolean live) throws IOException {
        long[] bytes = { 0 };
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                Path relative = source.relativize(directory);
                Files.createDirectories(target.resolve(relative.toString()));
                boolean emptied = live && relative.getNameCount() == 1 && EMPTIED_DIRECTORIES.contains(relative.toString());
                return emptied ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String name = file.getFileName().toString();
                boolean top = file.getParent().equals(source);
                if (live && ((top && SKIPPED_FILES.contains(name)) || name.startsWith("pgsql_tmp") || name.startsWith(".stepcalls-"))) {
                    return FileVisitResult.CONTINUE;
                }
                bytes[0] += copy(file, target.resolve(source.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                if (failure instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw failure;
            }
        });
        return bytes[0];
    }

    private static long copyWal(Path wal, Path target) throws IOException {
        Files.createDirectories(target.resolve("archive_status"));
        long segments = 0;
        try (Stream<Path> files = Files.list(wal)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                copy(file, target.resolve(file.getFileName().toString()));
                segments++;
            }
        }
        return segments;
    }

    private static long copy(Path file, Path target) throws IOException {
        try {
            Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
            return Files.size(target);
        } catch (NoSuchFileException | DirectoryNotEmptyException gone) {
            return 0;
        }
    }
}
