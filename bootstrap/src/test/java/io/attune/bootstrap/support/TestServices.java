package io.attune.bootstrap.support;

import io.attune.bootstrap.infra.EmbeddedBroker;
import io.attune.bootstrap.infra.EmbeddedPostgres;
import io.attune.bootstrap.infra.InfrastructureSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL and RabbitMQ the end-to-end tests run against, one set per test JVM: those named by
 * {@code ATTUNE_TEST_DATABASE_URL} / {@code ATTUNE_TEST_AMQP_URL}; else the local services on 127.0.0.1 when they
 * answer (in a database of their own, created fresh for each run); else embedded ones. With
 * {@code ATTUNE_TEST_REAL_SERVICES=true} a missing real service fails the run instead of falling back.
 */
public final class TestServices {

    private static final Logger LOG = LoggerFactory.getLogger(TestServices.class);
    private static TestServices instance;

    private final String jdbcUrl;
    private final String dbUser;
    private final String dbPassword;
    private final String amqpUrl;

    private TestServices(String jdbcUrl, String dbUser, String dbPassword, String amqpUrl) {
        this.jdbcUrl = jdbcUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.amqpUrl = amqpUrl;
    }

    public static synchronized TestServices get() {
        if (instance == null) {
            try {
                instance = resolve();
            } catch (Exception e) {
                throw new IllegalStateException("cannot provide PostgreSQL and RabbitMQ for the tests: " + e.getMessage(), e);
            }
        }
        return instance;
    }

    /** The Micronaut properties that point an application at these services. */
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("datasources.default.url", jdbcUrl);
        p.put("datasources.default.username", dbUser);
        p.put("datasources.default.password", dbPassword);
        p.put("rabbitmq.uri", amqpUrl);
        return p;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /**
     * A new, empty database on the test server, for a test that needs one of its own (what it counts across the
     * database, such as the registered workers, is then its own); its JDBC URL. Drop it with {@link #dropDatabase}.
     */
    public String freshDatabase(String name) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1) + name;
    }

    /** Drops a database made by {@link #freshDatabase}, closing its connections. */
    public void dropDatabase(String name) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            LOG.warn("could not drop {}: {}", name, e.getMessage());
        }
    }

    /** Deletes the exchanges and queues an application with this AMQP namespace declared (best effort). */
    public void deleteNamespace(String namespace) {
        deleteNamespace(namespace, java.util.List.of());
    }

    /** The same, with queues of the namespace beyond the usual ones ({@code work.shell.gpu=true}). */
    public void deleteNamespace(String namespace, java.util.List<String> moreQueues) {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        try {
            factory.setUri(amqpUrl);
            try (com.rabbitmq.client.Connection c = factory.newConnection()) {
                java.util.List<String> queues = new java.util.ArrayList<>(java.util.List.of("rules", "work.shell", "work.python",
                        "work.node", "work.internal", "work.inquirer", "work.http", "work.workflow", "dead"));
                queues.addAll(moreQueues);
                for (String queue : queues) {
                    try (com.rabbitmq.client.Channel ch = c.createChannel()) {
                        ch.queueDelete(namespace + "." + queue);
                    } catch (IOException | RuntimeException e) {
                        LOG.debug("could not delete queue {}.{}: {}", namespace, queue, e.getMessage());
                    }
                }
                for (String exchange : java.util.List.of(namespace, namespace + ".dlx")) {
                    try (com.rabbitmq.client.Channel ch = c.createChannel()) {
                        ch.exchangeDelete(exchange);
                    } catch (IOException | RuntimeException e) {
                        LOG.debug("could not delete exchange {}: {}", exchange, e.getMessage());
                    }
                }
            }
        } catch (Exception e) {
            LOG.warn("could not clean up AMQP namespace {}: {}", namespace, e.getMessage());
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
    }

    private static TestServices resolve() throws Exception {
        boolean realOnly = "true".equalsIgnoreCase(System.getenv("ATTUNE_TEST_REAL_SERVICES"));
        Path scratch = Files.createTempDirectory("attune-e2e-services");

        String url = System.getenv("ATTUNE_TEST_DATABASE_URL");
        String user = env("ATTUNE_TEST_DATABASE_USER", "postgres");
        String password = env("ATTUNE_TEST_DATABASE_PASSWORD", "");
        if (url == null) {
            if (answers("127.0.0.1", 5432)) {
                url = freshLocalDatabase(user, password);
            } else if (realOnly) {
                throw new IllegalStateException("PostgreSQL is not reachable on 127.0.0.1:5432");
            } else {
                EmbeddedPostgres pg = EmbeddedPostgres.start(scratch.resolve("pg"), 0);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> close(pg)));
                url = pg.jdbcUrl();
                user = pg.username();
                password = pg.password();
            }
        }
        String amqp = System.getenv("ATTUNE_TEST_AMQP_URL");
        if (amqp == null) {
            if (answers("127.0.0.1", 5672)) {
                amqp = "amqp://guest:guest@127.0.0.1:5672";
            } else if (realOnly) {
                throw new IllegalStateException("RabbitMQ is not reachable on 127.0.0.1:5672");
            } else {
                EmbeddedBroker broker = EmbeddedBroker.start(scratch.resolve("broker"), 0);
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
                amqp = broker.amqpUrl();
            }
        }
        amqp = InfrastructureSettings.normalizeAmqpUrl(amqp);
        LOG.info("end-to-end tests use {} and {}", url, InfrastructureSettings.safeAmqpUrl(amqp));
        return new TestServices(url, user, password, amqp);
    }

    /** A new, empty database on the local server for this test run, dropped when the JVM ends. */
    private static String freshLocalDatabase(String user, String password) throws SQLException {
        String name = "attune_e2e_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", user, password);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", user, password);
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                LOG.warn("could not drop {}: {}", name, e.getMessage());
            }
        }));
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    private static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("could not stop {}: {}", c, e.getMessage());
        }
    }
}
