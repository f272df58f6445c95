package io.attune.adapters.postgres;

import io.micronaut.context.ApplicationContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The PostgreSQL the adapter tests run against, one per JVM, and the Micronaut context on it (Flyway-migrated once).
 *
 * <p>Which database: {@code ATTUNE_TEST_DATABASE_URL} (+ {@code ATTUNE_TEST_DATABASE_USER}, default {@code postgres},
 * and {@code ATTUNE_TEST_DATABASE_PASSWORD}, default empty) when set; otherwise the database {@code attune_test}
 * on the local server at 127.0.0.1:5432 (user postgres, created if missing); otherwise an embedded PostgreSQL
 * (zonky) started for this JVM. Every table but the seeded {@code runtimes} is emptied by {@link #reset()}.
 *
 * <p>Test JVMs sharing a database would empty each other's tables, so this JVM holds a PostgreSQL advisory lock on it
 * for as long as it runs: a second test run against the same database waits for the first.
 */
final class TestDatabase {

    private static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String LOCAL_DATABASE = "attune_test";
    private static final long TEST_RUN_LOCK = 0x4174_7475_6e65_5047L;

    private static ApplicationContext context;
    /** Holds the test-run lock and empties the tables. */
    private static Connection admin;
    private static String truncate;

    private TestDatabase() {
    }

    /** A bean of the running context (started on first use). */
    static <T> T bean(Class<T> type) {
        return context().getBean(type);
    }

    /** Empties every table the migrations created, except reference data. */
    static synchronized void reset() {
        context();
        try (Statement statement = admin.createStatement()) {
            statement.execute(truncate);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database: " + e.getMessage(), e);
        }
    }

    static synchronized ApplicationContext context() {
        if (context == null) {
            Location location = locate();
            if (admin == null) {
                admin = holdTestRunLock(location); // once per JVM: a second lock from this JVM would wait for ever
            }
            context = ApplicationContext.run(Map.of(
                    "datasources.default.url", location.url(),
                    "datasources.default.username", location.user(),
                    "datasources.default.password", location.password(),
                    "datasources.default.driver-class-name", "org.postgresql.Driver",
                    "datasources.default.dialect", "POSTGRES",
                    "datasources.default.maximum-pool-size", 12,
                    "flyway.datasources.default.enabled", true,
                    // a reused developer database may hold a later migration of another branch: apply the missing one
                    "flyway.datasources.default.out-of-order", true), "test");
            Runtime.getRuntime().addShutdownHook(new Thread(context::close, "attune-test-context-close"));
            truncate = truncateStatement();
        }
        return context;
    }

    private record Location(String url, String user, String password) {
        Connection connect() throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", user);
            properties.setProperty("password", password);
            properties.setProperty("connectTimeout", "3");
            return DriverManager.getConnection(url, properties);
        }
    }

    private static Location locate() {
        String url = System.getenv("ATTUNE_TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return new Location(url, envOr("ATTUNE_TEST_DATABASE_USER", "postgres"), envOr("ATTUNE_TEST_DATABASE_PASSWORD", ""));
        }
        Location server = new Location(LOCAL_SERVER + "postgres", "postgres", "");
        try (Connection connection = server.connect()) {
            createIfMissing(connection);
            return new Location(LOCAL_SERVER + LOCAL_DATABASE, "postgres", "");
        } catch (SQLException unreachable) {
            return embedded();
        }
    }

    private static void createIfMissing(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + LOCAL_DATABASE + "'")) {
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + LOCAL_DATABASE);
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created meanwhile by another test JVM
                throw e;
            }
        }
    }

    private static Location embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the data directory is temporary
                }
            }, "attune-test-postgres-stop"));
            return new Location(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL reachable and the embedded one did not start", e);
        }
    }

    /** Takes a session advisory lock on a connection kept open (and the lock held) until the JVM exits. */
    private static Connection holdTestRunLock(Location location) {
        try {
            Connection connection = location.connect();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_lock(" + TEST_RUN_LOCK + ")");
            }
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the test database " + location.url() + ": " + e.getMessage(), e);
        }
    }

    private static String truncateStatement() {
        List<String> tables = new ArrayList<>();
        try (Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT quote_ident(tablename) FROM pg_tables
                     WHERE schemaname = current_schema() AND tablename NOT IN ('flyway_schema_history', 'runtimes')
                     ORDER BY tablename""")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the test database's tables: " + e.getMessage(), e);
        }
        if (tables.isEmpty()) {
            throw new IllegalStateException("the migrations created no tables");
        }
        return "TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE";
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
