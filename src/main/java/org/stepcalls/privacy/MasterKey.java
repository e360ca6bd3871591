package org.stepcalls.privacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * The key every other key is derived from: {@code STEPCALLS_MASTER_KEY} (base64, 256 bits).
 * Production refuses to start without it. Dev mode generates one and keeps it in a file so the
 * dev database stays readable across restarts; tests generate a fresh one per run.
 */
@ApplicationScoped
public class MasterKey {

    private final byte[] bytes;

    MasterKey(@ConfigProperty(name = "stepcalls.master-key") Optional<String> configured,
            @ConfigProperty(name = "stepcalls.dev-master-key-file", defaultValue = "target/stepcalls-dev-master.key") String devKeyFile) {
        this.bytes = configured.filter(s -> !s.isBlank()).map(MasterKey::decode).orElseGet(() -> generated(devKeyFile));
    }

    byte[] bytes() {
        return bytes.clone();
    }

    /** Fails the start early, with the message, rather than at the first encryption. */
    void checkAtStartup(@Observes StartupEvent event) {
        bytes();
    }

    private static byte[] decode(String base64) {
        try {
            return CryptoService.decodeKey(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("STEPCALLS_MASTER_KEY is not usable: " + e.getMessage()
                    + ". Generate one with: openssl rand -base64 32");
        }
    }

    private static byte[] generated(String devKeyFile) {
        LaunchMode mode = LaunchMode.current();
        if (mode == LaunchMode.NORMAL) {
            throw new IllegalStateException("STEPCALLS_MASTER_KEY is not set. It encrypts volunteers' and callers' "
                    + "numbers; generate one with 'openssl rand -base64 32', keep it safe, and set it.");
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        if (mode == LaunchMode.DEVELOPMENT) {
            return devKey(Path.of(devKeyFile), key);
        }
        return key;
    }

    private static byte[] devKey(Path file, byte[] fresh) {
        try {
            if (Files.exists(file)) {
                return CryptoService.decodeKey(Files.readString(file));
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the file stays as created
            }
            return fresh;
        } catch (IOException e) {
            throw new IllegalStateException("Could not keep the dev master key in " + file, e);
        }
    }
}
