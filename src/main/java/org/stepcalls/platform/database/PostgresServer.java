package org.stepcalls.platform.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.postgresql.util.PasswordUtil;

import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * One PostgreSQL server on one data directory, run from the unpacked binaries: created (or
 * migrated) locked down, started, checked to be ours, stopped.
 *
 * <p>Locked down means: the superuser has a generated password, kept in {@value #PASSWORD_FILE}
 * (mode 0600) in the data directory; {@code pg_hba.conf} accepts only SCRAM-SHA-256 password
 * connections from 127.0.0.1; the server listens on 127.0.0.1 alone and opens no Unix socket.
 * Its own log never holds a statement, a bound value or an error's detail.
 */
final class PostgresServer {

    static final String USER = "postgres";
    static final String DATABASE = "postgres";
    static final String PASSWORD_FILE = "stepcalls-db-password";
    static final String LOG_DIRECTORY = "log";

    private static final Logger LOG = Logger.getLogger(PostgresServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String HBA = """
            # Written by Stepcalls at every start of its embedded PostgreSQL; edits are overwritten.
            # Password (SCRAM-SHA-256) connections from 127.0.0.1 only; there is no Unix socket.
            host    all    all    127.0.0.1/32    scram-sha-256
            """;

    private final Path bin;
    private final Path data;
    private final int port;
    private final String clusterName;
    private final boolean durable;

    /**
     * @param durable whether commits must survive a power cut, not only a killed server (off only for
     *        throwaway test databases)
     */
    PostgresServer(Path bin, Path data, int port, String clusterName, boolean durable) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.clusterName = clusterName;
        this.durable = durable;
    }

    Path dataDirectory() {
        return data;
    }

    int port() {
        return port;
    }

    String clusterName() {
        return clusterName;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    String password() throws IOException {
        return Files.readString(data.resolve(PASSWORD_FILE), StandardCharsets.UTF_8).strip();
    }

    /**
     * Creates the data directory locked down, or locks down one that has no password file yet (made
     * with {@code trust} before passwords were required, or its file was lost): {@code newPassword} is
     * set in single-user mode, without opening the server to anyone. Then (re)writes
     * {@code pg_hba.conf}. Only at the application's start, never on a restart after a crash: a
     * data directory that has gone missing must not be replaced by an empty one.
     */
    void prepare(String newPassword) throws IOException {
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            initdb(newPassword);
        } else if (!Files.exists(data.resolve(PASSWORD_FILE))) {
            setPassword(newPassword);
            LOG.infof("The embedded PostgreSQL in %s had no password (made before passwords were required);"
                    + " it has one now, in %s", data, PASSWORD_FILE);
        }
        writeAtomically(data.resolve("pg_hba.conf"), HBA);
        Files.createDirectories(data.resolve(LOG_DIRECTORY));
    }

    /** Starts the postmaster and waits until it answers with our password and our cluster name. */
    Process start() throws IOException {
        if (!Files.isRegularFile(data.resolve("PG_VERSION"))) {
            throw new IOException("the data directory " + data + " is missing or is not a PostgreSQL data directory");
        }
        ProcessBuilder builder = new ProcessBuilder(command("postgres", serverArguments()))
                .redirectErrorStream(true)
                // only what the server says before its log collector runs (e.g. a port in use)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve(LOG_DIRECTORY).resolve("postmaster.log").toFile()));
        Process postmaster = builder.start();
        try {
            waitUntilReady(postmaster);
            return postmaster;
        } catch (IOException | RuntimeException e) {
            postmaster.destroyForcibly();
            throw e;
        }
    }

    /** A fast shutdown (open transactions roll back), forced if it takes too long. */
    void stop(ProcessHandle postmaster) throws IOException {
        run(command("pg_ctl", List.of("stop", "-D", data.toString(), "-m", "fast", "-w", "-t", "30")), null);
        try {
            postmaster.onExit().get(15, TimeUnit.SECONDS);
        } catch (Exception notStopped) {
            postmaster.destroyForcibly();
        }
    }

    /** A connection as the superuser, with the password; the server's error details stay out of messages. */
    Connection connect() throws SQLException, IOException {
        return DriverManager.getConnection(jdbcUrl(), connectionProperties(password()));
    }

    static Properties connectionProperties(String password) {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", password);
        properties.setProperty("loginTimeout", "5");
        properties.setProperty("logServerErrorDetail", "false");
        return properties;
    }

    private List<String> serverArguments() {
        List<String> arguments = new ArrayList<>(List.of("-D", data.toString(), "-p", Integer.toString(port)));
        setting(arguments, "listen_addresses", "127.0.0.1");
        setting(arguments, "unix_socket_directories", "");
        setting(arguments, "password_encryption", "scram-sha-256");
        setting(arguments, "cluster_name", clusterName);
        setting(arguments, "max_connections", "100");
        setting(arguments, "timezone", "UTC");
        // a persistent database must survive a power cut; a throwaway one need not. Both survive
        // their server being killed: a commit is answered only once its WAL is written
        setting(arguments, "fsync", durable ? "on" : "off");
        setting(arguments, "synchronous_commit", "on");
        // the server's log, in <data>/log, one file per weekday, overwritten a week later
        setting(arguments, "logging_collector", "on");
        setting(arguments, "log_directory", LOG_DIRECTORY);
        setting(arguments, "log_filename", "postgresql-%a.log");
        setting(arguments, "log_truncate_on_rotation", "on");
        setting(arguments, "log_rotation_age", "1d");
        setting(arguments, "log_rotation_size", "0");
        // never a row or a value in it: no DETAIL ("Failing row contains (...)", "Key (...)=(...)"),
        // no failing statement, no statement or parameter logging, and no statement errors at all
        // (their first line can quote a value: 'invalid input syntax for type ...: "..."'). The
        // server's own events (start, recovery, checkpoints, fatal errors) stay.
        setting(arguments, "log_error_verbosity", "terse");
        setting(arguments, "log_min_error_statement", "panic");
        setting(arguments, "log_min_messages", "log");
        setting(arguments, "log_statement", "none");
        setting(arguments, "log_min_duration_statement", "-1");
        setting(arguments, "log_min_duration_sample", "-1");
        setting(arguments, "log_transaction_sample_rate", "0");
        setting(arguments, "log_duration", "off");
        setting(arguments, "log_parameter_max_length", "0");
        setting(arguments, "log_parameter_max_length_on_error", "0");
        return arguments;
    }

    private static void setting(List<String> arguments, String name, String value) {
        arguments.add("-c");
        arguments.add(name + "=" + value);
    }

    private void waitUntilReady(Process postmaster) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String password = password();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!postmaster.isAlive()) {
                throw new IOException("PostgreSQL exited while starting (exit code " + postmaster.exitValue() + "); see "
                        + data.resolve(LOG_DIRECTORY));
            }
            try (Connection connection = DriverManager.getConnection(jdbcUrl(), connectionProperties(password));
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SHOW cluster_name")) {
                result.next();
                String actual = result.getString(1);
                if (!clusterName.equals(actual)) {
                    throw new IOException("Port " + port + " answers with another PostgreSQL server (cluster_name " + actual + ")");
                }
                return;
            } catch (SQLException notYet) {
                last = notYet;
            }
            sleep(100);
        }
        throw new IOException("PostgreSQL did not accept connections within " + START_TIMEOUT.toSeconds() + " s ("
                + (last == null ? "no attempt" : last.getSQLState()) + ")");
    }

    private void initdb(String password) throws IOException {
        Path passwordInput = Files.createTempFile("stepcalls-db-", ".pw",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(passwordInput, password);
            run(command("initdb", List.of("--auth=scram-sha-256", "--username=" + USER, "--pwfile=" + passwordInput,
                    "--encoding=UTF-8", "--no-instructions", "-D", data.toString())), null);
        } finally {
            Files.deleteIfExists(passwordInput);
        }
        writeAtomically(data.resolve(PASSWORD_FILE), password);
    }

    private void setPassword(String password) throws IOException {
        // the SCRAM verifier, not the password, is what reaches the server
        String verifier = PasswordUtil.encodeScramSha256(password.toCharArray());
        run(command("postgres", List.of("--single", "-D", data.toString(), "-c", "exit_on_error=on",
                "-c", "log_min_messages=fatal", DATABASE)), "ALTER ROLE " + USER + " PASSWORD '" + verifier + "';\n");
        writeAtomically(data.resolve(PASSWORD_FILE), password);
    }

    static String newPassword() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Written beside its place, readable by the owner only, and moved in at once. */
    private static void writeAtomically(Path file, String content) throws IOException {
        Path partial = Files.createTempFile(file.getParent(), ".stepcalls-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(partial, content, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * PostgreSQL refuses to run as root; as root it runs in a user namespace of its own, where it is
     * not root (zonky does the same).
     */
    private List<String> command(String program, List<String> arguments) {
        return command(bin, program, arguments);
    }

    static List<String> command(Path bin, String program, List<String> arguments) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(arguments);
        return command;
    }

    /** Runs one of the PostgreSQL tools to its end; its output only when it fails. */
    static void run(List<String> command, String input) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(Path.of(command.get(command.size() - 1)).getFileName() + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            // the tools' own output names files and settings, never rows
            throw new IOException(programName(command) + " failed (exit code " + process.exitValue() + "): " + lastLines(output));
        }
    }

    private static String programName(List<String> command) {
        return command.stream().filter(part -> part.contains("/")).findFirst().map(p -> Path.of(p).getFileName().toString())
                .orElse(command.get(0));
    }

    private static String lastLines(String output) {
        String[] lines = output.strip().split("\n");
        return String.join(" / ", List.of(lines).subList(Math.max(0, lines.length - 3), lines.length));
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
