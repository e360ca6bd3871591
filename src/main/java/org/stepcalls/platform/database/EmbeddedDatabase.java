package org.stepcalls.platform.database;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * The PostgreSQL server Stepcalls runs for itself when no external database is configured:
 * locked down ({@link PostgresServer}) and supervised ({@link PostgresSupervisor}).
 *
 * <p>One server per JVM: dev-mode reloads and test restarts reuse it (its coordinates are kept
 * in a system property, which survives class-loader reloads; the password never is). Each server is
 * started with a random {@code cluster_name}; connecting and reading it back proves we talk to our
 * server, never to another PostgreSQL that happens to listen on the port.
 */
public final class EmbeddedDatabase {

    static final String STATE_PROPERTY = "org.stepcalls.embedded-database";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    private static PostgresServer server;
    /** The password a server about to be created (or locked down) gets: handed out before it starts. */
    private static String pendingPassword;
    private static PostgresSupervisor supervisor;
    private static boolean throwaway;

    private EmbeddedDatabase() {
    }

    /** Where a running server can be reached, and the name that proves it is ours. */
    public record Coordinates(int port, String clusterName, String dataDirectory, String binDirectory, boolean throwaway) {

        public String jdbcUrl() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + PostgresServer.DATABASE;
        }

        String encode() {
            return port + "|" + clusterName + "|" + throwaway + "|" + binDirectory + "|" + dataDirectory;
        }

        static Coordinates decode(String text) {
            String[] parts = text.split("\\|", 5);
            return new Coordinates(Integer.parseInt(parts[0]), parts[1], parts[4], parts[3], Boolean.parseBoolean(parts[2]));
        }

        PostgresServer server() {
            return new PostgresServer(Path.of(binDirectory), Path.of(dataDirectory), port, clusterName, !throwaway);
        }

        /** Where the datasource connects; its credentials come from {@link EmbeddedDatabase#password}. */
        public Map<String, String> datasourceProperties() {
            return Map.of(
                    "quarkus.datasource.jdbc.url", jdbcUrl(),
                    "stepcalls.embedded-database.cluster-name", clusterName);
        }
    }

    /**
     * The superuser's password, known before the server starts (the datasource reads it first): the
     * running server's, the data directory's, or the one a new data directory will be given.
     *
     * @param dataDirectory as for {@link #startOrReuse}
     */
    public static synchronized String password(Path dataDirectory) {
        try {
            String running = System.getProperty(STATE_PROPERTY);
            if (running != null) {
                return Coordinates.decode(running).server().password();
            }
            Path file = dataDirectory == null ? null : dataDirectory.toAbsolutePath().resolve(PostgresServer.PASSWORD_FILE);
            if (file != null && Files.exists(file)) {
                return Files.readString(file).strip();
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the embedded PostgreSQL's password file", e);
        }
        if (pendingPassword == null) {
            pendingPassword = PostgresServer.newPassword();
        }
        return pendingPassword;
    }

    /**
     * Starts the server, or returns the one this JVM already runs.
     *
     * @param dataDirectory where the files persist; {@code null} for a throwaway directory
     * @param workDirectory where the PostgreSQL binaries are unpacked
     */
    public static synchronized Coordinates startOrReuse(Path dataDirectory, Path workDirectory) {
        String running = System.getProperty(STATE_PROPERTY);
        if (running != null) {
            Coordinates coordinates = Coordinates.decode(running);
            if (supervisor == null) {
                adopt(coordinates);
            }
            return coordinates;
        }
        String clusterName = "stepcalls-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
        try {
            boolean temporary = dataDirectory == null;
            Path data = temporary ? Files.createTempDirectory("stepcalls-db-") : dataDirectory.toAbsolutePath();
            Path bin = PostgresBinaries.unpack(workDirectory);
            Coordinates coordinates = new Coordinates(freePort(), clusterName, data.toString(), bin.toString(), temporary);
            PostgresServer started = coordinates.server();
            started.prepare(password(dataDirectory));
            Process postmaster = started.start();
            server = started;
            throwaway = temporary;
            supervisor = new PostgresSupervisor(started);
            supervisor.watch(postmaster.toHandle());
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stop, "stepcalls-postgres-stop"));
            System.setProperty(STATE_PROPERTY, coordinates.encode());
            return coordinates;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL (" + e.getMessage()
                    + "). Set QUARKUS_DATASOURCE_JDBC_URL (and _USERNAME, _PASSWORD) to use an external "
                    + "PostgreSQL instead.", e);
        }
    }

    /** Stops the server this class loader supervises, if any. Safe to call more than once. */
    public static synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            supervisor.stop();
            ProcessHandle postmaster = supervisor.postmaster();
            if (postmaster.isAlive()) {
                server.stop(postmaster);
            }
            if (throwaway) {
                PostgresBinaries.deleteTree(server.dataDirectory());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not stop the embedded PostgreSQL cleanly", e);
        } finally {
            server = null;
            supervisor = null;
            System.clearProperty(STATE_PROPERTY);
        }
    }

    /**
     * Leaves the server running but stops supervising it from this class loader: a dev-mode
     * reload's new class loader takes over ({@link #startOrReuse}).
     */
    public static synchronized void release() {
        if (supervisor != null) {
            supervisor.stop();
        }
        supervisor = null;
        server = null;
    }

    /** Why the embedded database is down for good, if it is; empty while it runs or is being restarted. */
    public static synchronized Optional<String> failure() {
        return supervisor == null ? Optional.empty() : supervisor.failure();
    }

    /** Whether this class loader supervises an embedded server. */
    public static synchronized boolean supervised() {
        return supervisor != null;
    }

    /** How many times the server was restarted after exiting behind the application's back. */
    public static synchronized int restarts() {
        return supervisor == null ? 0 : supervisor.restarts();
    }

    /** Runs after every restart of the server. */
    public static synchronized void afterRestart(Runnable action) {
        if (supervisor != null) {
            supervisor.afterRestart(action);
        }
    }

    private static void adopt(Coordinates coordinates) {
        PostgresServer running = coordinates.server();
        try {
            long pid = Long.parseLong(Files.readAllLines(running.dataDirectory().resolve("postmaster.pid")).get(0).strip());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            server = running;
            throwaway = coordinates.throwaway();
            supervisor = new PostgresSupervisor(running);
            supervisor.watch(postmaster);
        } catch (IOException | RuntimeException e) {
            // it is still used as it is; only its restarts are lost until the application restarts
            LOG.warnf("Could not take over supervising the embedded PostgreSQL: %s", e.getClass().getName());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static Path defaultWorkDirectory() {
        return new File(System.getProperty("java.io.tmpdir"), "stepcalls-embedded-pg-" + System.getProperty("user.name"))
                .toPath();
    }
}
