package org.stepcalls.privacy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * The epoch keys, kept <em>outside</em> the database ({@code STEPCALLS_KEYRING_DIR}): one file per
 * epoch ({@code 2026-W49.key}, mode 0600), holding the epoch key wrapped by the master key. A copy
 * of the database, however old, holds data keys only wrapped by epoch keys; once an epoch's file is
 * destroyed (and no keyring backup outlives it), nothing of that week opens again — not even with
 * the master key. Several app instances may share the directory: a key is created by writing a
 * temporary file and hard-linking it into place, which fails if another instance got there first,
 * so an epoch never has two keys. Files are read on every use, never cached, so a key another
 * instance destroyed is gone here too.
 */
@ApplicationScoped
public class Keyring {

    private static final Logger LOG = Logger.getLogger(Keyring.class);
    private static final String SUFFIX = ".key";

    private final CryptoService crypto;
    private final Path directory;

    Keyring(CryptoService crypto, @ConfigProperty(name = "stepcalls.keyring-dir") Optional<String> configured,
            @ConfigProperty(name = "stepcalls.data-dir") Optional<String> dataDir) {
        this.crypto = crypto;
        this.directory = prepare(configured.filter(s -> !s.isBlank()).map(Path::of), dataDir.filter(s -> !s.isBlank()));
    }

    /**
     * Fails the start early, with the reason, rather than at the first call opened; and removes the
     * temporary files a crash between writing and linking a new key may have left (each is a second
     * copy of a key). Only old ones: another instance may be creating a key right now.
     */
    void checkAtStartup(@Observes StartupEvent event) {
        epochs();
        sweepTemporaryFiles("", Duration.ofHours(1));
    }

    /** Where the epoch keys are (tests read it as an attacker would). */
    public Path directory() {
        return directory;
    }

    /** The epochs that still have a key. */
    public List<KeyEpoch> epochs() {
        try (Stream<Path> files = Files.list(directory)) {
            List<KeyEpoch> epochs = new ArrayList<>();
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
                    .forEach(n -> KeyEpoch.parse(n.substring(0, n.length() - SUFFIX.length())).ifPresent(epochs::add));
            epochs.sort(Comparator.comparing(KeyEpoch::name));
            return epochs;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list the keyring " + directory, e);
        }
    }

    /** The epoch's key, created (once, across instances) when the epoch has none yet. For new data keys only. */
    byte[] keyFor(KeyEpoch epoch) {
        Path file = file(epoch);
        if (!Files.exists(file)) {
            create(epoch, file);
        }
        return existing(epoch);
    }

    /** The epoch's key; never created here, since a new key would not open what the lost one wrapped. */
    byte[] existing(KeyEpoch epoch) {
        try {
            byte[] wrapped = Base64.getDecoder().decode(Files.readString(file(epoch), StandardCharsets.US_ASCII).strip());
            return crypto.unwrapEpochKey(wrapped, epoch);
        } catch (NoSuchFileException e) {
            LOG.errorf("Key epoch %s has no key file in the keyring %s", epoch, directory);
            throw new EpochKeyMissing(epoch);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            LOG.errorf("Key epoch %s: the keyring's file does not open with this master key (%s)", epoch,
                    e.getClass().getSimpleName());
            throw new EpochKeyMissing(epoch);
        }
    }

    /** Shreds every data key of the epoch, in every copy of the database. True if the file was there. */
    boolean destroy(KeyEpoch epoch) {
        try {
            boolean existed = Files.deleteIfExists(file(epoch));
            sweepTemporaryFiles(epoch.name(), Duration.ZERO); // a crash while creating it may have left a copy
            syncDirectory();
            return existed;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot destroy the key of epoch " + epoch + " in " + directory, e);
        }
    }

    EpochKeyMissing missing(KeyEpoch epoch) {
        LOG.errorf("Key epoch %s: a data key does not open with the keyring's key of that epoch", epoch);
        return new EpochKeyMissing(epoch);
    }

    private void create(KeyEpoch epoch, Path file) {
        byte[] wrapped = crypto.wrapEpochKey(crypto.newKey(), epoch);
        Path temp = null;
        try {
            temp = Files.createTempFile(directory, "." + epoch.name() + "-", ".tmp", ownerOnly("rw-------"));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap((Base64.getEncoder().encodeToString(wrapped) + "\n")
                        .getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            Files.createLink(file, temp); // atomic, and refuses to replace: the first instance's key wins
            syncDirectory();
        } catch (FileAlreadyExistsException e) {
            // another instance created the epoch's key a moment ago: use theirs
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the key of epoch " + epoch + " in " + directory, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray temporary file holds a key nothing uses
                }
            }
        }
    }

    /** Deletes the temporary files of keys being created ({@code .<epoch>-*.tmp}) older than {@code age}. */
    private void sweepTemporaryFiles(String epochName, Duration age) {
        Instant cutoff = Instant.now().minus(age);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path temp : files.filter(f -> f.getFileName().toString().startsWith("." + epochName)
                    && f.getFileName().toString().endsWith(".tmp")).toList()) {
                if (!Files.getLastModifiedTime(temp).toInstant().isAfter(cutoff)) {
                    Files.deleteIfExists(temp);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot clear temporary key files in the keyring " + directory, e);
        }
    }

    /** A created or deleted key must survive a crash: flush the directory entry too. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every platform opens directories; the file itself was forced
        }
    }

    private Path file(KeyEpoch epoch) {
        return directory.resolve(epoch.name() + SUFFIX);
    }

    private static Path prepare(Optional<Path> configured, Optional<String> dataDir) {
        try {
            Path dir;
            if (configured.isPresent()) {
                dir = configured.get().toAbsolutePath().normalize();
            } else if (LaunchMode.current() == LaunchMode.TEST) {
                dir = Files.createTempDirectory("stepcalls-keyring-");
            } else {
                throw new IllegalStateException("STEPCALLS_KEYRING_DIR is empty: give the directory that keeps the "
                        + "epoch keys, outside the database's data directory");
            }
            if (dataDir.isPresent() && dir.startsWith(Path.of(dataDir.get()).toAbsolutePath().normalize())) {
                throw new IllegalStateException("STEPCALLS_KEYRING_DIR (" + dir + ") is inside STEPCALLS_DATA_DIR: a "
                        + "backup of the database would then hold the keyring too. Keep it outside");
            }
            Files.createDirectories(dir, ownerOnly("rwx------"));
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot use the keyring directory: " + e.getMessage(), e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(String permissions) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!posix) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)) };
    }
}
