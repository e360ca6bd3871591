package org.stepcalls.platform.database;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server Stepcalls runs for itself when no external database is configured.
 *
 * <p>One server per JVM: dev-mode reloads and test restarts reuse it (its coordinates are kept
 * in a system property, which survives class-loader reloads). Each server is started with a random
 * {@code cluster_name}; connecting and reading it back proves we talk to our server, never to
 * another PostgreSQL that happens to listen on the port.
 */
public final class EmbeddedDatabase {

    static final String STATE_PROPERTY = "org.stepcalls.embedded-database";
    static final String USER = "postgres";
    static final String DATABASE = "postgres";

    private static EmbeddedPostgres server;

    private EmbeddedDatabase() {
    }

    /** Where a running server can be reached, and the name that proves it is ours. */
    public record Coordinates(int port, String clusterName, String dataDirectory) {

        public String jdbcUrl() {
            // the user travels in the URL: named properties are not all looked up one by one
            return "jdbc:postgresql://localhost:" + port + "/" + DATABASE + "?user=" + USER;
        }

        String encode() {
            return port + "|" + clusterName + "|" + dataDirectory;
        }

        static Coordinates decode(String text) {
            String[] parts = text.split("\\|", 3);
            return new Coordinates(Integer.parseInt(parts[0]), parts[1], parts[2]);
        }

        public Map<String, String> datasourceProperties() {
            return Map.of(
                    "quarkus.datasource.jdbc.url", jdbcUrl(),
                    "stepcalls.embedded-database.cluster-name", clusterName);
        }
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
            return Coordinates.decode(running);
        }
        String clusterName = "stepcalls-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
        try {
            boolean throwaway = dataDirectory == null;
            Path data = throwaway ? Files.createTempDirectory("stepcalls-db-") : dataDirectory.toAbsolutePath();
            Files.createDirectories(data);
            Files.createDirectories(workDirectory);
            EmbeddedPostgres started = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(throwaway)
                    .setOverrideWorkingDirectory(workDirectory.toFile())
                    .setServerConfig("cluster_name", clusterName)
                    .setServerConfig("listen_addresses", "localhost")
                    // a persistent database must survive a power cut; a throwaway one need not
                    .setServerConfig("synchronous_commit", throwaway ? "off" : "on")
                    .setServerConfig("max_connections", "100")
                    .setRegisterShutdownHook(true)
                    .start();
            Coordinates coordinates = new Coordinates(started.getPort(), clusterName, data.toString());
            verifyOwnServer(started, coordinates);
            server = started;
            System.setProperty(STATE_PROPERTY, coordinates.encode());
            return coordinates;
        } catch (IOException | SQLException | RuntimeException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL (" + e.getMessage()
                    + "). Set QUARKUS_DATASOURCE_JDBC_URL (and _USERNAME, _PASSWORD) to use an external "
                    + "PostgreSQL instead.", e);
        }
    }

    /** Stops the server this class loader started, if any. Safe to call more than once. */
    public static synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new IllegalStateException("Could not stop the embedded PostgreSQL cleanly", e);
        } finally {
            server = null;
            System.clearProperty(STATE_PROPERTY);
        }
    }

    private static void verifyOwnServer(EmbeddedPostgres started, Coordinates expected) throws SQLException {
        try (Connection connection = started.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW cluster_name")) {
            result.next();
            String actual = result.getString(1);
            if (!expected.clusterName().equals(actual)) {
                throw new IllegalStateException("Port " + expected.port()
                        + " answers with another PostgreSQL server (cluster_name " + actual + ")");
            }
        }
    }

    static Path defaultWorkDirectory() {
        return new File(System.getProperty("java.io.tmpdir"), "stepcalls-embedded-pg-" + System.getProperty("user.name"))
                .toPath();
    }
}
