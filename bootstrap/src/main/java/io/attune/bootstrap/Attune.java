package io.attune.bootstrap;

import io.attune.bootstrap.infra.DataDirectoryLock;
import io.attune.bootstrap.infra.EmbeddedBroker;
import io.attune.bootstrap.infra.EmbeddedPostgres;
import io.attune.bootstrap.infra.InfrastructureSettings;
import io.attune.bootstrap.secrets.EncryptionKeys;
import io.attune.bootstrap.secrets.JwtSecrets;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.EmbeddedApplication;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The one runnable jar's main class.
 *
 * <p>Reads where the database and the broker are from the environment ({@link InfrastructureSettings}); for
 * each one that is not configured it starts the embedded default (PostgreSQL, Qpid Broker-J) with its data
 * under {@code ATTUNE_DATA_DIR}; then starts the Micronaut application against them. On shutdown the
 * application stops first, then the embedded broker, then the embedded database.
 */
public final class Attune {

    private static final Logger LOG = LoggerFactory.getLogger(Attune.class);
    private static final Duration APPLICATION_STOP_WAIT = Duration.ofSeconds(60);

    private Attune() {
    }

    public static void main(String[] args) {
        try {
            start(args);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a configuration problem, explained by its message
            LOG.error("Attune did not start: {}", e.getMessage());
            LOG.debug("Attune did not start", e);
            System.exit(1);
        } catch (Exception e) {
            LOG.error("Attune did not start: {}", e.getMessage(), e);
            System.exit(1);
        }
    }

    /** Starts the infrastructure and the application; returns once the HTTP server is up. */
    static ApplicationContext start(String[] args) throws Exception {
        InfrastructureSettings settings = InfrastructureSettings.fromEnvironment(System.getenv());
        String encryptionKey = System.getenv(EncryptionKeys.VARIABLE);
        if (encryptionKey != null && !encryptionKey.isBlank()) {
            EncryptionKeys.parse(encryptionKey, EncryptionKeys.VARIABLE); // a bad key stops Attune before anything starts
        }
        EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure();
        AtomicReference<ApplicationContext> application = new AtomicReference<>();
        AtomicReference<EmbeddedApplication<?>> server = new AtomicReference<>();
        Thread shutdown = new Thread(() -> {
            stopApplication(application.get(), server.get());
            infrastructure.close();
        }, "attune-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("attune.data-dir", settings.dataDir().toString());
        properties.put("micronaut.server.port", settings.httpPort());
        // the secret that signs access tokens: ATTUNE_JWT_SECRET, else the data directory's jwt.secret (made once)
        properties.put("attune.auth.jwt-secret", JwtSecrets.load(Optional.ofNullable(System.getenv(JwtSecrets.VARIABLE)),
                settings.dataDir()));
        try {
            if (settings.embeddedDatabase() || settings.embeddedBroker()) {
                infrastructure.lock = DataDirectoryLock.acquire(settings.dataDir());
            }
            configureDatabase(settings, infrastructure, properties);
            configureBroker(settings, infrastructure, properties);
        } catch (Exception e) {
            Runtime.getRuntime().removeShutdownHook(shutdown);
            infrastructure.close();
            throw e;
        }

        // Micronaut exits the JVM itself when the application fails to start; the hook above then cleans up
        ApplicationContext context = Micronaut.build(args)
                .mainClass(Attune.class)
                .banner(false)
                .properties(properties)
                .start();
        application.set(context);
        server.set(context.findBean(EmbeddedApplication.class).orElse(null));

        long startedIn = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        String roles = context.getProperty("attune.roles", String.class)
                .map(r -> Arrays.stream(r.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.joining(",")))
                .orElse("api,executor,worker,sensor");
        LOG.info("Attune started in {} ms (roles: {}; HTTP port {})", startedIn, roles,
                server.get() instanceof EmbeddedServer http ? http.getPort() : settings.httpPort());
        return context;
    }

    private static void configureDatabase(InfrastructureSettings settings, EmbeddedInfrastructure infrastructure,
                                          Map<String, Object> properties) throws Exception {
        if (settings.database().isPresent()) {
            InfrastructureSettings.Database database = settings.database().get();
            LOG.info("Using PostgreSQL at {}{}", database.safeUrl(),
                    database.username().map(u -> " as " + u).orElse(""));
            properties.put("datasources.default.url", database.jdbcUrl());
            database.username().ifPresent(u -> properties.put("datasources.default.username", u));
            database.password().ifPresent(p -> properties.put("datasources.default.password", p));
            return;
        }
        long begin = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.start(settings.dataDir(), settings.embeddedDatabasePort());
        infrastructure.postgres = postgres;
        LOG.info("Using embedded PostgreSQL at {} (data in {}, log in {}; {} in {} ms)", postgres.jdbcUrl(),
                postgres.dataDirectory(), postgres.logFile(), postgres.initialised() ? "initialised" : "started",
                Duration.ofNanos(System.nanoTime() - begin).toMillis());
        properties.put("datasources.default.url", postgres.jdbcUrl());
        properties.put("datasources.default.username", postgres.username());
        properties.put("datasources.default.password", postgres.password());
    }

    private static void configureBroker(InfrastructureSettings settings, EmbeddedInfrastructure infrastructure,
                                        Map<String, Object> properties) throws Exception {
        if (settings.amqpUrl().isPresent()) {
            String url = settings.amqpUrl().get();
            LOG.info("Using AMQP broker at {}", InfrastructureSettings.safeAmqpUrl(url));
            properties.put("rabbitmq.uri", url);
            EmbeddedBroker.keepDerbyQuiet();
            return;
        }
        long begin = System.nanoTime();
        EmbeddedBroker broker = EmbeddedBroker.start(settings.dataDir().resolve("broker"), settings.embeddedAmqpPort());
        infrastructure.broker = broker;
        LOG.info("Using embedded AMQP 0-9-1 broker (Qpid Broker-J) at {} (data in {}; started in {} ms)",
                InfrastructureSettings.safeAmqpUrl(broker.amqpUrl()), broker.workDirectory(),
                Duration.ofNanos(System.nanoTime() - begin).toMillis());
        properties.put("rabbitmq.uri", broker.amqpUrl());
    }

    /**
     * Stops the application and waits until it has stopped. Micronaut's own shutdown hook may be doing the same
     * concurrently: it stops the embedded server, which stops the context. Going through the server as well
     * keeps the lock order the same (server, then context); stopping the context directly here deadlocks.
     */
    private static void stopApplication(ApplicationContext context, EmbeddedApplication<?> server) {
        if (context == null) {
            return;
        }
        try {
            if (server != null) {
                if (server.isRunning()) {
                    server.stop();
                }
            } else if (context.isRunning()) {
                context.stop();
            }
        } catch (RuntimeException e) {
            LOG.warn("Error while stopping the application: {}", e.toString());
        }
        long deadline = System.nanoTime() + APPLICATION_STOP_WAIT.toNanos();
        while (context.isRunning() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** What this process started, closed in reverse order: broker, database, then the data directory lock. */
    private static final class EmbeddedInfrastructure {
        private volatile DataDirectoryLock lock;
        private volatile EmbeddedPostgres postgres;
        private volatile EmbeddedBroker broker;

        synchronized void close() {
            if (broker != null) {
                try {
                    broker.close();
                    LOG.info("Embedded broker stopped");
                } catch (RuntimeException e) {
                    LOG.warn("Error while stopping the embedded broker: {}", e.toString());
                }
                broker = null;
            }
            if (postgres != null) {
                try {
                    postgres.close();
                    LOG.info("Embedded PostgreSQL stopped");
                } catch (Exception e) {
                    LOG.warn("Error while stopping the embedded PostgreSQL: {}", e.toString());
                }
                postgres = null;
            }
            if (lock != null) {
                try {
                    lock.close();
                } catch (Exception e) {
                    LOG.debug("Error while releasing {}", lock.file(), e);
                }
                lock = null;
            }
        }
    }
}
