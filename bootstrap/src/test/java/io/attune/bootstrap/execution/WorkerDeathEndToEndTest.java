package io.attune.bootstrap.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.WorkerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * No orphan actions (issue 16, item 1): when a worker JVM dies by {@code kill -9}, the process trees of the action it
 * ran and of the sensor it supervised die with it, within a second, as the default action user.
 */
class WorkerDeathEndToEndTest {

    @Test
    void killingTheWorkerJvmKillsTheWholeTreeOfItsActionAndItsSensor() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        String marker = "orphan" + UUID.randomUUID().toString().replace("-", "");
        Path packs = Files.createTempDirectory("attune-death-packs");
        Path pack = writeSensorPack(packs, marker);
        try (WorkerProcess worker = WorkerProcess.startEmbedded(Map.of("ATTUNE_ACTION_USER", "attune-action"))) {
            worker.awaitLog("Attune started in", Duration.ofSeconds(120));
            Api api = new Api("http://127.0.0.1:" + worker.port());
            Api.Response installed = api.post("/api/v1/packs/install", Api.json(Map.of("path", pack.toString())));
            assertThat(installed.status()).as(installed.body()).isEqualTo(201);
            Api.Response created = api.post("/api/v1/executions", Api.json(Map.of("action", "core.local",
                    "parameters", Map.of("cmd", "sleep 300 & sleep 300; wait # " + marker))));
            assertThat(created.status()).as(created.body()).isEqualTo(201);

            Set<Long> action = awaitTree(marker + "\0", 3);
            Set<Long> sensor = awaitTree(marker + ".sh", 3);
            assertThat(action).doesNotContainAnyElementsOf(sensor);
            JsonNode running = api.get("/api/v1/executions/" + created.json().path("id").asLong()).json();
            assertThat(running.path("status").asText()).isEqualTo("running");

            Instant killed = Instant.now();
            worker.killJvm();

            Set<Long> all = new LinkedHashSet<>(action);
            all.addAll(sensor);
            Duration gone = awaitGone(all, Duration.ofSeconds(1));
            System.out.printf("action tree %s and sensor tree %s gone %d ms after kill -9 of the worker%n",
                    action, sensor, gone.toMillis());
            assertThat(Duration.between(killed, Instant.now())).isLessThan(Duration.ofSeconds(5));
        }
    }

    /** A pack whose one sensor, {@code sensors/<marker>.sh}, starts a child and sleeps. */
    private static Path writeSensorPack(Path dir, String marker) throws IOException {
        Path root = dir.resolve("e2e_death");
        Files.createDirectories(root.resolve("triggers"));
        Files.createDirectories(root.resolve("sensors"));
        Files.writeString(root.resolve("pack.yaml"), "ref: e2e_death\nversion: 1.0.0\ndescription: e2e\n");
        Files.writeString(root.resolve("triggers/beat.yaml"), "ref: e2e_death.beat\n");
        Files.writeString(root.resolve("sensors/watch.yaml"), """
                ref: e2e_death.watch
                runner: shell
                entry_point: %s.sh
                triggers: [e2e_death.beat]
                """.formatted(marker));
        Files.writeString(root.resolve("sensors/" + marker + ".sh"), "sleep 300 &\nsleep 300\nwait\n");
        // the action user reads the pack: JUnit-style temporary directories are owner-only
        try (var tree = Files.walk(dir)) {
            for (Path p : tree.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return root;
    }

    /** The processes whose command line holds {@code marker}, with all their descendants; at least {@code size}. */
    private static Set<Long> awaitTree(String marker, int size) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        Set<Long> tree = Set.of();
        while (Instant.now().isBefore(deadline)) {
            tree = tree(marker);
            if (tree.size() >= size) {
                return tree;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no process tree of " + size + " marked '" + marker.strip() + "' appeared: " + tree);
    }

    private static Set<Long> tree(String marker) throws IOException {
        Map<Long, Long> parents = new java.util.HashMap<>();
        Set<Long> tree = new LinkedHashSet<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : proc) {
                long pid = Long.parseLong(p.getFileName().toString());
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    String stat = Files.readString(p.resolve("stat"));
                    parents.put(pid, Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]));
                    if (cmdline.contains(marker) && !cmdline.contains("java")) {
                        tree.add(pid);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while /proc was read
                }
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<Long, Long> e : parents.entrySet()) {
                if (tree.contains(e.getValue()) && tree.add(e.getKey())) {
                    grew = true;
                }
            }
        }
        return tree;
    }

    /** How long until none of {@code pids} runs (a zombie counts as gone); fails after {@code within}. */
    private static Duration awaitGone(Set<Long> pids, Duration within) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < within.toNanos()) {
            if (pids.stream().noneMatch(WorkerDeathEndToEndTest::running)) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(5);
        }
        List<Long> left = pids.stream().filter(WorkerDeathEndToEndTest::running).toList();
        throw new AssertionError("still running " + within.toMillis() + " ms after the worker died: " + left);
    }

    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }
}
