package io.attune.bootstrap.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Attune in a JVM of its own, started from the test classpath with the real main class, so a test can kill it as
 * hard as a machine dies ({@code kill -9} of the JVM and the actions it runs).
 */
public final class WorkerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;

    private WorkerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts Attune with the given environment (ATTUNE_ROLES, ATTUNE_AMQP_NAMESPACE, ...) on the test services. */
    public static WorkerProcess start(Map<String, String> environment) throws IOException {
        return start(environment, true);
    }

    /** Starts Attune as a user's first {@code ./attune start} does: embedded PostgreSQL and broker, nothing set. */
    public static WorkerProcess startEmbedded(Map<String, String> environment) throws IOException {
        return start(environment, false);
    }

    /** The process's pid (the JVM's). */
    public long pid() {
        return process.pid();
    }

    /** The HTTP port the process serves. */
    public int port() {
        return port;
    }

    private static WorkerProcess start(Map<String, String> environment, boolean testServices) throws IOException {
        Path log = Files.createTempFile("attune-worker-process", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // -Dattune.e2e.jar=bootstrap/target/attune.jar: the packaged jar instead of the test classpath
        String jar = System.getProperty("attune.e2e.jar", "");
        ProcessBuilder builder = new ProcessBuilder(jar.isBlank()
                ? List.of(java, "-cp", System.getProperty("java.class.path"), "io.attune.bootstrap.Attune")
                : List.of(java, "-jar", Path.of(jar).toAbsolutePath().toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("ATTUNE_"));
        if (testServices) {
            TestServices services = TestServices.get();
            env.put("ATTUNE_DATABASE_URL", services.jdbcUrl());
            env.put("ATTUNE_DATABASE_USER", String.valueOf(services.properties().get("datasources.default.username")));
            env.put("ATTUNE_DATABASE_PASSWORD", String.valueOf(services.properties().get("datasources.default.password")));
            env.put("ATTUNE_AMQP_URL", String.valueOf(services.properties().get("rabbitmq.uri")));
        } else {
            env.put("ATTUNE_EMBEDDED_DATABASE_PORT", Integer.toString(freePort()));
            env.put("ATTUNE_EMBEDDED_AMQP_PORT", Integer.toString(freePort()));
        }
        env.put("ATTUNE_DATA_DIR", Files.createTempDirectory("attune-worker-data").toString());
        // a caller that restarts a process on the same port names it
        int port = environment.containsKey("ATTUNE_HTTP_PORT") ? Integer.parseInt(environment.get("ATTUNE_HTTP_PORT"))
                : freePort();
        env.put("ATTUNE_HTTP_PORT", Integer.toString(port));
        env.put("ATTUNE_ADMIN_PASSWORD", TestApplication.ADMIN_PASSWORD);
        env.put("ATTUNE_JWT_SECRET", TestApplication.JWT_SECRET);
        // as in TestApplication: the suite's packs live in owner-only temporary directories
        env.put("ATTUNE_ACTION_USER", "root");
        env.putAll(environment);
        return new WorkerProcess(builder.start(), log, port);
    }

    /** Waits until the log shows the line, or fails with the log. */
    public void awaitLog(String text, java.time.Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the worker process did not log '" + text + "':\n" + Files.readString(log));
    }

    /** The file the process logs to. */
    public Path logFile() {
        return log;
    }

    /** Whether the JVM still runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** The processes the JVM started (actions, sensors) and their descendants, as they are now. */
    public List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    /** What the process logged so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Waits for the process to end on its own; its exit code, or -1 when it still runs after {@code within}. */
    public int waitForExit(java.time.Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** Stops the process as an operator does (SIGTERM): Attune shuts down in order. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** Kills the JVM and every process it started, without warning: what a power cut does. */
    public void kill() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.waitFor();
    }

    /** SIGKILL to the JVM alone, as the OOM killer does: what it started is left to the kernel. */
    public void killJvm() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** A TCP port free at the moment of the call. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
