package io.attune.bootstrap.faults;

import io.attune.bootstrap.support.WorkerProcess;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fault suite's Attune processes, one JVM per instance, each with one role, on loopback: started, killed with
 * {@code kill -9} and restarted on the same HTTP port under the same name. It only ever signals processes it started
 * (the JVMs, and the action and sensor processes those JVMs had started when they were killed), and {@link #close}
 * kills all of them, with their process trees, also from a shutdown hook when the test JVM is stopped.
 */
final class Cluster implements AutoCloseable {

    /** One instance: its role, its fixed environment (name, port) and the JVM running now, if any. */
    static final class Node {
        final String name;
        final String role;
        final Map<String, String> environment;
        WorkerProcess process;
        final List<WorkerProcess> earlier = new ArrayList<>();

        Node(String name, String role, Map<String, String> environment) {
            this.name = name;
            this.role = role;
            this.environment = environment;
        }

        int port() {
            return Integer.parseInt(environment.get("ATTUNE_HTTP_PORT"));
        }
    }

    private final Map<String, String> common;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    /** Processes the killed JVMs had started, kept to kill whatever outlived its JVM at the end. */
    private final List<ProcessHandle> orphans = new ArrayList<>();
    private final List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread hook = new Thread(this::killAll, "fault-suite-cleanup");

    Cluster(Map<String, String> common) {
        this.common = common;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Declares an instance {@code name} of {@code role} (with extra environment); it is not started yet. */
    Node add(String name, String role, Map<String, String> extra) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(common);
        env.put("ATTUNE_ROLES", role);
        env.put("ATTUNE_HTTP_PORT", Integer.toString(WorkerProcess.freePort()));
        if (role.equals("worker")) {
            env.put("ATTUNE_WORKER_NAME", name);
        }
        env.putAll(extra);
        Node node = new Node(name, role, env);
        nodes.put(name, node);
        return node;
    }

    Node node(String name) {
        return nodes.get(name);
    }

    List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    synchronized void start(String name) throws IOException {
        Node node = nodes.get(name);
        if (node.process != null && node.process.alive()) {
            throw new IllegalStateException(name + " runs already");
        }
        if (node.process != null) {
            node.earlier.add(node.process);
        }
        node.process = WorkerProcess.start(node.environment);
    }

    /**
     * Waits until the instance logged that it started; returns when. PostgreSQL is shared with other users on a test
     * machine: an instance that could not start because the server had no connection left is killed and started
     * again, up to 10 times (noted in the report).
     */
    Instant awaitStarted(String name, Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        int retries = 0;
        while (System.nanoTime() < deadline) {
            WorkerProcess process = nodes.get(name).process;
            String log = process.log();
            if (log.contains("Attune started")) {
                return Instant.now();
            }
            if (log.contains("too many clients already") && retries < 10) {
                retries++;
                notes.add(name + " could not start: PostgreSQL had no connection left (other users); started again");
                process.kill();
                Thread.sleep(3000);
                start(name);
            } else if (!process.alive()) {
                break;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " did not start within " + within + ":\n" + nodes.get(name).process.log());
    }

    /** What happened that the report should say (restarts for want of database connections). */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /** {@code kill -9} of the instance's JVM alone, as the OOM killer does; returns the moment of the signal. */
    synchronized Instant kill(String name) throws InterruptedException {
        Node node = nodes.get(name);
        orphans.addAll(node.process.descendants());
        Instant at = Instant.now();
        node.process.killJvm();
        return at;
    }

    /**
     * The sensor instance that leads the timers now: the one alive whose latest run logged that it took the lead
     * (the lead passes only when its holder's database session ends).
     */
    Optional<String> timerLeader() throws IOException {
        for (Node node : nodes.values()) {
            if (node.role.equals("sensor") && node.process != null && node.process.alive()
                    && node.process.log().contains("this instance leads timers")) {
                return Optional.of(node.name);
            }
        }
        return Optional.empty();
    }

    /** Names of the action and sensor processes that outlived the JVM that started them (they should not). */
    synchronized List<String> survivingOrphans() {
        return orphans.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
    }

    private synchronized void killAll() {
        for (Node node : nodes.values()) {
            for (WorkerProcess p : node.process == null ? List.<WorkerProcess>of() : List.of(node.process)) {
                try {
                    p.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        // a ProcessHandle is bound to its process's start time: a reused pid is never signalled
        orphans.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs already
        }
    }
}
