package org.stepcalls.platform.database;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;

/**
 * Unpacks the PostgreSQL binaries shipped in the zonky jars, once per version, into
 * {@code <work dir>/PG-<md5 of the archive>} (the layout zonky itself uses, so an earlier unpack is
 * reused). We run the binaries ourselves rather than through zonky: it initialises every data
 * directory with {@code trust} authentication and cannot restart a server it started.
 */
final class PostgresBinaries {

    private static final String COMPLETE_MARKER = ".exists";

    private PostgresBinaries() {
    }

    /** The {@code bin} directory holding {@code initdb}, {@code postgres} and {@code pg_ctl}. */
    static synchronized Path unpack(Path workDirectory) throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", architecture())) {
            if (in == null) {
                throw new IOException("No PostgreSQL binaries for Linux " + architecture() + " on the class path");
            }
            archive = in.readAllBytes();
        }
        Path home = workDirectory.resolve("PG-" + md5(archive));
        if (Files.exists(home.resolve(COMPLETE_MARKER))) {
            return home.resolve("bin");
        }
        Files.createDirectories(workDirectory);
        // unpacked beside its final place and moved in at once: a half-unpacked tree is never used
        Path partial = Files.createTempDirectory(workDirectory, ".unpacking-");
        try {
            extract(archive, partial);
            Files.createFile(partial.resolve(COMPLETE_MARKER));
            deleteTree(home); // a tree without its marker is a crashed earlier unpack
            Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
            // another process finished first
            if (!Files.exists(home.resolve(COMPLETE_MARKER))) {
                throw raced;
            }
        } finally {
            deleteTree(partial);
        }
        return home.resolve("bin");
    }

    private static void extract(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("Archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else if (entry.isLink()) {
                    Files.createDirectories(file.getParent());
                    Files.createLink(file, target.resolve(entry.getLinkName()).normalize());
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(file.getParent());
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file);
                    if (target.relativize(file).startsWith("bin")) {
                        file.toFile().setExecutable(true, false);
                    }
                } else {
                    throw new IOException("Unsupported archive entry " + entry.getName());
                }
            }
        }
    }

    /** Removes a directory and everything below it; nothing when it is not there. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }

    private static String md5(byte[] bytes) {
        try {
            // a name for the archive's contents, as zonky names it; not a security measure
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
