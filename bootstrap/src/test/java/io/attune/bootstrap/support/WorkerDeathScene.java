package io.attune.bootstrap.support;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * A worker in a JVM of its own that a test kills ({@code kill -9}, with the actions it runs), beside an executor with
 * the API, in an AMQP namespace of their own, with short timings (heartbeat 300 ms, lease 2 s, lease sweep 300 ms).
 * After the kill another worker joins and the sweep abandons the dead one's executions. Closing stops every part and
 * deletes the namespace.
 */
public final class WorkerDeathScene implements AutoCloseable {

    private final String namespace;
    private final WorkerProcess worker;
    private TestApplication executor;
    private TestApplication survivor;

    private WorkerDeathScene(String namespace, WorkerProcess worker) {
        this.namespace = namespace;
        this.worker = worker;
    }

    /** Starts the worker JVM (it boots while this one starts the executor), then the executor with the API. */
    public static WorkerDeathScene start() throws IOException, InterruptedException {
        String namespace = "attune-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        WorkerDeathScene scene = new WorkerDeathScene(namespace, WorkerProcess.start(Map.of("ATTUNE_ROLES", "worker",
                "ATTUNE_AMQP_NAMESPACE", namespace, "ATTUNE_WORKER_LEASE", "2s", "ATTUNE_WORKER_HEARTBEAT", "300ms",
                "ATTUNE_PACKS_INSTALL_BUNDLED", "false")));
        try {
            scene.executor = TestApplication.start(Map.of("attune.amqp.namespace", namespace,
                    "attune.roles", "api,executor", "attune.executor.lease-sweep-interval", "300ms",
                    "attune.packs.install-bundled", "false"));
        } catch (RuntimeException | Error e) {
            scene.close();
            throw e;
        }
        return scene;
    }

    /** A client of the executor's API. */
    public Api api() {
        return new Api(executor.url());
    }

    /** Waits until the worker to be killed has registered (installs made before it are then known to it). */
    public void awaitWorker() throws IOException, InterruptedException {
        worker.awaitLog("registered", Duration.ofSeconds(60));
    }

    /** Kills the worker JVM with its actions, then starts the worker that is left. */
    public void killWorkerAndStartAnother() throws InterruptedException {
        worker.kill();
        survivor = TestApplication.start(Map.of("attune.amqp.namespace", namespace, "attune.roles", "worker",
                "attune.worker.lease", "2s", "attune.worker.heartbeat", "300ms",
                "attune.packs.install-bundled", "false"));
    }

    @Override
    public void close() throws InterruptedException {
        try {
            worker.close();
        } finally {
            if (survivor != null) {
                survivor.stop();
            }
            if (executor != null) {
                executor.stop();
            }
            TestServices.get().deleteNamespace(namespace);
        }
    }
}
