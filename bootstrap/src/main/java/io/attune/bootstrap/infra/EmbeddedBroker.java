package io.attune.bootstrap.infra;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.SystemConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The embedded default broker: Apache Qpid Broker-J in this JVM, speaking AMQP 0-9-1 on the loopback
 * interface so that the RabbitMQ Java client connects to it with {@code amqp://guest:guest@127.0.0.1:<port>}.
 *
 * <p>Configuration comes from {@code qpid-initial-config.json} on every start (an in-memory system
 * configuration, so what ships in the jar is what runs). The one virtual host, {@code default}, is reachable
 * as {@code /} (RabbitMQ's default), as {@code ""} and as {@code default}; it keeps its exchanges, queues,
 * bindings and persistent messages in an Apache Derby store under {@code <work dir>/default}, so durable
 * topology and persistent messages survive a restart.
 *
 * <p>Qpid is not RabbitMQ: the AMQP 0-9-1 core (exchanges direct/fanout/topic/headers, durable queues,
 * publisher confirms, acks/nacks, prefetch) behaves the same; RabbitMQ's own extensions (queue arguments such
 * as {@code x-dead-letter-exchange}, {@code x-message-ttl}, quorum queues, plugins) do not all exist here.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String INITIAL_CONFIGURATION = "qpid-initial-config.json";
    public static final String USER = "guest";
    public static final String PASSWORD = "guest";

    /** Where Derby writes its log when no embedded broker runs (see {@link #keepDerbyQuiet()}). */
    public static final java.io.OutputStream DERBY_LOG_SINK = java.io.OutputStream.nullOutputStream();

    private final SystemLauncher launcher;
    private final Path workDirectory;
    private final int port;

    private EmbeddedBroker(SystemLauncher launcher, Path workDirectory, int port) {
        this.launcher = launcher;
        this.workDirectory = workDirectory;
        this.port = port;
    }

    /** Starts the broker with its files in {@code workDirectory}, on {@code preferredPort} if free, else any. */
    public static EmbeddedBroker start(Path workDirectory, int preferredPort) throws Exception {
        Files.createDirectories(workDirectory);
        int port = Ports.preferredOrFree(preferredPort);
        if (preferredPort > 0 && port != preferredPort) {
            LOG.warn("Port {} is taken; the embedded broker listens on {} instead", preferredPort, port);
        }
        URL initialConfiguration = EmbeddedBroker.class.getClassLoader().getResource(INITIAL_CONFIGURATION);
        if (initialConfiguration == null) {
            throw new IOException(INITIAL_CONFIGURATION + " is missing from the classpath");
        }
        // Derby writes derby.log into the working directory unless told otherwise
        if (System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.file", workDirectory.resolve("derby.log").toString());
        }

        Map<String, String> context = new HashMap<>();
        context.put("qpid.work_dir", workDirectory.toString());
        context.put("qpid.amqp_port", Integer.toString(port));
        context.put("qpid.amqp_binding_address", "127.0.0.1");
        // RabbitMQ answers an unroutable mandatory message with basic.return; Qpid would close the connection
        context.put("qpid.port.closeWhenNoRoute", "false");

        Map<String, Object> attributes = new HashMap<>();
        attributes.put(SystemConfig.TYPE, "Memory");
        attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, initialConfiguration.toExternalForm());
        attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, Boolean.FALSE);
        attributes.put(SystemConfig.CONTEXT, context);

        AtomicReference<SystemConfig<?>> systemConfig = new AtomicReference<>();
        SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
            @Override
            public void onContainerResolve(SystemConfig<?> config) {
                systemConfig.set(config);
            }
        });
        try {
            launcher.startup(attributes);
        } catch (Exception e) {
            try {
                launcher.shutdown();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        takeOverShutdownHook(systemConfig.get());
        return new EmbeddedBroker(launcher, workDirectory, port);
    }

    /**
     * Derby's JDBC driver is on the classpath for the broker's store; when the JDBC driver manager loads it, Derby
     * boots and creates an empty {@code derby.log} in the working directory. Without an embedded broker that log
     * is discarded.
     */
    public static void keepDerbyQuiet() {
        if (System.getProperty("derby.stream.error.file") == null && System.getProperty("derby.stream.error.field") == null) {
            System.setProperty("derby.stream.error.field", EmbeddedBroker.class.getName() + ".DERBY_LOG_SINK");
        }
    }

    public int port() {
        return port;
    }

    public Path workDirectory() {
        return workDirectory;
    }

    public String amqpUrl() {
        return "amqp://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port;
    }

    @Override
    public void close() {
        launcher.shutdown();
    }

    /**
     * Qpid's broker registers its own JVM shutdown hook, and JVM hooks run concurrently: the broker would go
     * away under the application's consumers while they are still being stopped. The hook is removed so that
     * {@link #close()} runs in the caller's order. When Qpid's internals change, its hook stays.
     */
    private static void takeOverShutdownHook(SystemConfig<?> systemConfig) {
        if (systemConfig == null) {
            return;
        }
        try {
            Broker<?> broker = systemConfig.getContainer(Broker.class);
            Field hookField = findField(broker.getClass(), "_shutdownHook");
            hookField.setAccessible(true);
            Thread hook = (Thread) hookField.get(broker);
            if (hook != null) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Could not take over Qpid's shutdown hook; the broker stops on its own at JVM exit", e);
        }
    }

    private static Field findField(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException ignored) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(name);
    }
}
