package io.attune.bootstrap.execution;

import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.awaitTerminal;
import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.run;
import static io.attune.bootstrap.execution.ExecutionApiEndToEndTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import io.attune.bootstrap.support.TestServices;
import io.attune.bootstrap.support.WorkerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker JVM that dies (kill -9 of the JVM alone) or is stopped (SIGTERM) in the middle of an action under a
 * concurrency limit of 1, on real PostgreSQL and RabbitMQ: the slot is freed only once the action cannot still run,
 * and the real lifetimes of the two actions' processes, read from {@code /proc}, never overlap. Timings are short
 * (heartbeat 1 s, lease 2 s, lost after 3 missed heartbeats) so that the suite stays fast.
 */
class WorkerLivenessEndToEndTest {

    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Duration LOST_AFTER = HEARTBEAT.multipliedBy(3);

    private static String namespace() {
        return "attune-e2e-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static TestApplication executor(String ns, int lostAfterHeartbeats) {
        return TestApplication.start(Map.of("attune.amqp.namespace", ns, "attune.roles", "api,executor",
                "attune.executor.lease-sweep-interval", "200ms",
                "attune.worker.lost-after-heartbeats", lostAfterHeartbeats,
                "attune.packs.install-bundled", "false"));
    }

    private static WorkerProcess workerProcess(String ns, String name) throws IOException {
        return workerProcess(ns, name, "30s");
    }

    private static WorkerProcess workerProcess(String ns, String name, String drain) throws IOException {
        return WorkerProcess.start(Map.of("ATTUNE_ROLES", "worker", "ATTUNE_AMQP_NAMESPACE", ns,
                "ATTUNE_WORKER_NAME", name, "ATTUNE_WORKER_HEARTBEAT", "1s", "ATTUNE_WORKER_LEASE", "2s",
                "ATTUNE_WORKER_DRAIN", drain, "ATTUNE_PACKS_INSTALL_BUNDLED", "false"));
    }

    private static TestApplication workerInThisJvm(String ns, String name) {
        return TestApplication.start(Map.of("attune.amqp.namespace", ns, "attune.roles", "worker",
                "attune.worker.name", name, "attune.worker.heartbeat", "1s", "attune.worker.lease", "2s",
                "attune.packs.install-bundled", "false"));
    }

    @Test
    void aWorkerKilledAloneFreesTheSlotOnlyOnceItIsLostAndItsActionIsGoneAndComesBackActive(@TempDir Path dir)
            throws Exception {
        String ns = namespace();
        String name = "e2e-killed-" + UUID.randomUUID().toString().substring(0, 6);
        Path marks = Files.createDirectories(dir.resolve("marks"));
        // lost after three missed heartbeats: the default
        TestApplication executor = executor(ns, 3);
        TestApplication again = null;
        Mark first = null;
        try (WorkerProcess worker = workerProcess(ns, name)) {
            Api api = ready(executor, worker, dir, "e2e_death");
            long firstId = start(api, "e2e_death.step", 20, marks);
            long secondId = start(api, "e2e_death.step", 1, marks);
            first = Mark.await(marks, firstId, Duration.ofSeconds(30));
            assertThat(status(api, secondId)).isEqualTo("delayed");

            Instant killed = Instant.now();
            worker.killJvm();
            Lifetime firstLifetime = Lifetime.watch(first.pids());

            // the worker is marked lost, with its last heartbeat, a few heartbeats after its death
            JsonNode lost = awaitWorker(api, name, "lost", Duration.ofSeconds(20));
            Instant lastHeartbeat = Instant.parse(lost.path("last_heartbeat").asText());
            assertThat(lastHeartbeat).isBefore(killed);
            assertThat(lost.path("heartbeat_interval_ms").asLong()).isEqualTo(HEARTBEAT.toMillis());
            JsonNode abandoned = awaitTerminal(api, firstId, Duration.ofSeconds(20));
            assertThat(abandoned.path("status").asText()).as(abandoned.toString()).isEqualTo("abandoned");
            assertThat(abandoned.path("failure").asText()).contains(name).contains("lease").contains("heartbeat");
            // admitted: scheduled, or already further (the suite's shared application uses the same database, and
            // its executor may be the one whose sweep frees the slot and hands the execution to its own worker)
            JsonNode admitted = awaitAdmitted(api, secondId, Duration.ofSeconds(10));
            Instant freed = Instant.parse(admitted.path("scheduled_at").asText());
            // its lease (last heartbeat + 2 s) expired, and so did the grace after its last heartbeat (3 s)
            assertThat(freed).isAfterOrEqualTo(lastHeartbeat.plus(LOST_AFTER));
            System.out.printf("[measured] kill -9 of a worker JVM -> slot freed: %d ms (heartbeat 1 s, lease 2 s,"
                    + " lost after 3 s, sweep every 200 ms)%n", Duration.between(killed, freed).toMillis());

            // the same worker comes back: active again, and it runs the next execution
            again = workerInThisJvm(ns, name);
            assertThat(awaitWorker(api, name, "active", Duration.ofSeconds(30)).path("last_heartbeat").asText())
                    .isNotEqualTo(lost.path("last_heartbeat").asText());
            JsonNode second = awaitTerminal(api, secondId, Duration.ofSeconds(60));
            assertThat(second.path("status").asText()).as(second.toString()).isEqualTo("succeeded");

            Mark next = Mark.read(marks, secondId).orElseThrow();
            assertThat(firstLifetime.goneAt())
                    .as("the first action's processes %s were still alive when the second started at %s: "
                            + "they outlived their worker", first.pids(), next.startedAt())
                    .hasValueSatisfying(gone -> assertThat(gone).isBeforeOrEqualTo(next.startedAt()));
        } finally {
            if (first != null) {
                first.killLeftovers();
            }
            if (again != null) {
                again.stop();
            }
            executor.stop();
            TestServices.get().deleteNamespace(ns);
        }
    }

    @Test
    void aWorkerStoppedWithSigtermAndNoDrainKillsItsActionAndEndsItBeforeTheNextIsAdmitted(@TempDir Path dir)
            throws Exception {
        String ns = namespace();
        String name = "e2e-stopped-" + UUID.randomUUID().toString().substring(0, 6);
        Path marks = Files.createDirectories(dir.resolve("marks"));
        // the stop is what ends the action here: a slow machine must not make the executor judge the worker lost first
        TestApplication executor = executor(ns, 10);
        TestApplication other = null;
        Mark first = null;
        try (WorkerProcess worker = workerProcess(ns, name, "0s")) {
            Api api = ready(executor, worker, dir, "e2e_sigterm");
            long firstId = start(api, "e2e_sigterm.step", 20, marks);
            long secondId = start(api, "e2e_sigterm.step", 1, marks);
            first = Mark.await(marks, firstId, Duration.ofSeconds(30));
            // another worker, to run what comes next
            other = workerInThisJvm(ns, name + "-other");
            awaitWorker(api, name + "-other", "active", Duration.ofSeconds(30));
            assertThat(status(api, secondId)).isEqualTo("delayed");

            Instant stopped = Instant.now();
            Lifetime firstLifetime = Lifetime.watch(first.pids());
            worker.stop();

            JsonNode ended = awaitTerminal(api, firstId, Duration.ofSeconds(20));
            assertThat(ended.path("status").asText()).as(ended.toString()).isEqualTo("abandoned");
            assertThat(ended.path("failure").asText()).startsWith("worker shut down").contains("killed");
            JsonNode second = awaitTerminal(api, secondId, Duration.ofSeconds(60));
            assertThat(second.path("status").asText()).as(second.toString()).isEqualTo("succeeded");
            assertThat(second.path("worker").asText()).isEqualTo(name + "-other");
            Instant freed = Instant.parse(second.path("scheduled_at").asText());
            assertThat(Instant.parse(ended.path("finished_at").asText())).isBeforeOrEqualTo(freed);
            System.out.printf("[measured] SIGTERM of a worker JVM -> slot freed: %d ms; -> next action started: %d ms%n",
                    Duration.between(stopped, freed).toMillis(),
                    Duration.between(stopped, Instant.parse(second.path("started_at").asText())).toMillis());

            Mark next = Mark.read(marks, secondId).orElseThrow();
            assertThat(firstLifetime.goneAt())
                    .as("the first action's processes %s were still alive when the second started at %s",
                            first.pids(), next.startedAt())
                    .hasValueSatisfying(gone -> assertThat(gone).isBeforeOrEqualTo(next.startedAt()));
            assertThat(awaitWorker(api, name, "stopped", Duration.ofSeconds(5)).path("running").asInt()).isZero();
            assertThat(worker.log()).contains("worker " + name + " stopped");
        } finally {
            if (first != null) {
                first.killLeftovers();
            }
            if (other != null) {
                other.stop();
            }
            executor.stop();
            TestServices.get().deleteNamespace(ns);
        }
    }

    /**
     * SIGTERM with a drain of 4 s, during two actions: the one that ends within the drain succeeds, the one that outlasts
     * it is killed (its whole process tree) and ended abandoned "worker shut down", which frees its slot; meanwhile the
     * worker is listed {@code draining} and takes nothing new (what is dispatched to it goes back to the queue).
     */
    @Test
    void aWorkerStoppedWithSigtermDrainsLetsShortActionsFinishAndAbandonsTheRestAfterTheDrain(@TempDir Path dir)
            throws Exception {
        String ns = namespace();
        String name = "e2e-drain-" + UUID.randomUUID().toString().substring(0, 6);
        Path marks = Files.createDirectories(dir.resolve("marks"));
        TestApplication executor = executor(ns, 10);
        Mark longRun = null;
        try (WorkerProcess worker = workerProcess(ns, name, "4s")) {
            Api api = ready(executor, worker, dir, "e2e_drain");
            long longId = start(api, "e2e_drain.step", 60, marks);
            long nextId = start(api, "e2e_drain.step", 1, marks);
            long shortId = start(api, "e2e_drain.free", 2, marks);
            longRun = Mark.await(marks, longId, Duration.ofSeconds(30));
            Mark.await(marks, shortId, Duration.ofSeconds(30));
            assertThat(status(api, nextId)).isEqualTo("delayed");

            Instant stopped = Instant.now();
            Lifetime longLifetime = Lifetime.watch(longRun.pids());
            Thread stopping = Thread.ofPlatform().start(() -> {
                try {
                    worker.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            awaitWorker(api, name, "draining", Duration.ofSeconds(3));
            // dispatched while it drains: not taken, it waits in the queue for another worker
            long lateId = start(api, "e2e_drain.free", 1, marks);

            JsonNode shortRun = awaitTerminal(api, shortId, Duration.ofSeconds(20));
            assertThat(shortRun.path("status").asText()).as(shortRun.toString()).isEqualTo("succeeded");
            assertThat(Instant.parse(shortRun.path("finished_at").asText())).isAfter(stopped);
            JsonNode ended = awaitTerminal(api, longId, Duration.ofSeconds(20));
            assertThat(ended.path("status").asText()).as(ended.toString()).isEqualTo("abandoned");
            assertThat(ended.path("failure").asText()).startsWith("worker shut down").contains("drain").contains("killed");
            Instant endedAt = Instant.parse(ended.path("finished_at").asText());
            assertThat(endedAt).isAfterOrEqualTo(stopped.plusSeconds(4));
            assertThat(longLifetime.goneAt()).as("the long action's processes %s", longRun.pids())
                    .hasValueSatisfying(gone -> assertThat(gone).isBeforeOrEqualTo(endedAt.plusMillis(50)));
            // its slot is freed: the next one is admitted (and waits for a worker)
            assertThat(awaitAdmitted(api, nextId, Duration.ofSeconds(10)).path("scheduled_at").asText()).isNotEmpty();
            stopping.join(Duration.ofSeconds(40));
            assertThat(awaitWorker(api, name, "stopped", Duration.ofSeconds(5)).path("running").asInt()).isZero();
            assertThat(status(api, lateId)).isEqualTo("scheduled");
            assertThat(Mark.read(marks, lateId)).isEmpty();
            System.out.printf("[measured] SIGTERM with a drain of 4 s -> short action succeeded at %d ms,"
                    + " long one abandoned at %d ms%n",
                    Duration.between(stopped, Instant.parse(shortRun.path("finished_at").asText())).toMillis(),
                    Duration.between(stopped, endedAt).toMillis());
            assertThat(worker.log().lines().filter(l -> l.contains(" ERROR ")).toList()).isEmpty();
        } finally {
            if (longRun != null) {
                longRun.killLeftovers();
            }
            executor.stop();
            TestServices.get().deleteNamespace(ns);
        }
    }

    /**
     * A pack whose actions ({@code step}, limited to one at a time, and {@code free}) record their shell's pid, its
     * child's pid and its start time (nanoseconds since the epoch) in {@code <marks>/<execution>.start}, then wait for
     * the child, a {@code sleep}: a tree of two processes.
     */
    private static void installMarkedPack(Api api, Path dir, String pack) throws IOException {
        Path root = dir.resolve(pack);
        Files.createDirectories(root.resolve("actions"));
        Files.createDirectories(root.resolve("policies"));
        Files.writeString(root.resolve("pack.yaml"), "ref: " + pack + "\nversion: 1.0.0\n");
        for (String action : List.of("step", "free")) {
            Files.writeString(root.resolve("actions/" + action + ".yaml"), """
                    name: %s
                    runner: shell
                    entry_point: step.sh
                    parameters:
                      seconds: {type: number, required: true}
                      marks: {type: string, required: true}
                    """.formatted(action));
        }
        Files.writeString(root.resolve("actions/step.sh"), """
                #!/bin/bash
                started=$(date +%s%N)
                sleep "$ATTUNE_PARAM_SECONDS" &
                child=$!
                echo "$$ $child $started" > "$ATTUNE_PARAM_MARKS/$ATTUNE_EXECUTION_ID.tmp"
                mv "$ATTUNE_PARAM_MARKS/$ATTUNE_EXECUTION_ID.tmp" "$ATTUNE_PARAM_MARKS/$ATTUNE_EXECUTION_ID.start"
                wait "$child"
                """);
        Files.writeString(root.resolve("policies/limit.yaml"), "ref: " + pack + ".limit\naction: " + pack
                + ".step\nconcurrency: {limit: 1, behavior: delay}\n");
        Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", root.toString())));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    }

    /** The API once the worker process has started and the marked pack is installed. */
    private static Api ready(TestApplication executor, WorkerProcess worker, Path dir, String pack) throws Exception {
        Api api = new Api(executor.url());
        worker.awaitLog("Attune started", Duration.ofSeconds(90));
        installMarkedPack(api, dir, pack);
        return api;
    }

    /** Runs a step of the marked pack for {@code seconds}; its execution's id. */
    private static long start(Api api, String action, int seconds, Path marks) {
        return run(api, action, Map.of("seconds", seconds, "marks", marks.toString())).path("id").asLong();
    }

    private static String status(Api api, long id) {
        return api.get("/api/v1/executions/" + id).json().path("status").asText();
    }

    private static JsonNode awaitStatus(Api api, long id, String expected, Duration within) {
        Instant deadline = Instant.now().plus(within);
        JsonNode execution = api.get("/api/v1/executions/" + id).json();
        while (!execution.path("status").asText().equals(expected) && Instant.now().isBefore(deadline)) {
            sleep(50);
            execution = api.get("/api/v1/executions/" + id).json();
        }
        assertThat(execution.path("status").asText()).as(execution.toString()).isEqualTo(expected);
        return execution;
    }

    /** Waits until the execution has left {@code delayed}: its {@code scheduled_at} says when its slot was freed. */
    private static JsonNode awaitAdmitted(Api api, long id, Duration within) {
        Instant deadline = Instant.now().plus(within);
        JsonNode execution = api.get("/api/v1/executions/" + id).json();
        while (execution.path("scheduled_at").isMissingNode() || execution.path("scheduled_at").isNull()) {
            if (!Instant.now().isBefore(deadline)) {
                break;
            }
            sleep(50);
            execution = api.get("/api/v1/executions/" + id).json();
        }
        assertThat(execution.path("status").asText()).as(execution.toString()).isNotEqualTo("delayed");
        assertThat(execution.path("scheduled_at").isTextual()).as(execution.toString()).isTrue();
        return execution;
    }

    private static JsonNode awaitWorker(Api api, String name, String status, Duration within) {
        Instant deadline = Instant.now().plus(within);
        JsonNode listed = null;
        while (Instant.now().isBefore(deadline)) {
            listed = null;
            for (JsonNode w : api.get("/api/v1/workers").json().path("items")) {
                if (w.path("name").asText().equals(name)) {
                    listed = w;
                }
            }
            if (listed != null && listed.path("status").asText().equals(status)) {
                return listed;
            }
            sleep(50);
        }
        throw new AssertionError("worker " + name + " is not " + status + " after " + within + ": " + listed);
    }

    /** What an action process wrote when it started: its pids and its start time. */
    private record Mark(List<Long> pids, Instant startedAt) {

        static Optional<Mark> read(Path marks, long execution) throws IOException {
            Path file = marks.resolve(execution + ".start");
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            long[] fields = Arrays.stream(Files.readString(file).trim().split(" ")).mapToLong(Long::parseLong).toArray();
            return Optional.of(new Mark(List.of(fields[0], fields[1]),
                    Instant.ofEpochSecond(0, fields[2])));
        }

        static Mark await(Path marks, long execution, Duration within) throws IOException {
            Instant deadline = Instant.now().plus(within);
            while (Instant.now().isBefore(deadline)) {
                Optional<Mark> mark = read(marks, execution);
                if (mark.isPresent()) {
                    return mark.get();
                }
                sleep(20);
            }
            throw new AssertionError("execution " + execution + " did not start within " + within);
        }

        /** Kills what a failing test would leave behind. */
        void killLeftovers() {
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    /** Polls {@code /proc} every few milliseconds for when every one of some processes is gone (a zombie is gone). */
    private static final class Lifetime {
        private final AtomicReference<Instant> goneAt = new AtomicReference<>();
        private final Instant giveUpAt = Instant.now().plusSeconds(60);

        static Lifetime watch(List<Long> pids) {
            Lifetime lifetime = new Lifetime();
            Thread.ofPlatform().daemon().name("e2e-lifetime").start(() -> {
                while (Instant.now().isBefore(lifetime.giveUpAt)) {
                    if (pids.stream().noneMatch(Lifetime::running)) {
                        lifetime.goneAt.set(Instant.now());
                        return;
                    }
                    sleep(5);
                }
            });
            return lifetime;
        }

        Optional<Instant> goneAt() {
            return Optional.ofNullable(goneAt.get());
        }

        private static boolean running(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return !stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
            } catch (IOException e) {
                return false;
            }
        }
    }
}
