package io.attune.bootstrap.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestServices;
import io.attune.bootstrap.support.WorkerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A normal stop logs no ERROR: Attune with every role in a JVM of its own, on the real PostgreSQL and RabbitMQ, under a
 * steady load of API requests (in-process actions, shell actions, events), stopped with SIGTERM while the load goes on.
 * The stop drains the worker, stops the scheduled duties, then the listeners and the connections; none of it may log
 * an ERROR (a duty firing while the context closes, a channel that fails, a publish cut short).
 */
class CleanStopEndToEndTest {

    @Test
    void aSigtermUnderLoadStopsEveryRoleInOrderAndLogsNoError() throws Exception {
        String ns = "attune-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String name = "e2e-clean-" + UUID.randomUUID().toString().substring(0, 6);
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger accepted = new AtomicInteger();
        List<Thread> senders = new ArrayList<>();
        try (WorkerProcess attune = WorkerProcess.start(Map.of("ATTUNE_AMQP_NAMESPACE", ns, "ATTUNE_WORKER_NAME", name,
                "ATTUNE_WORKER_DRAIN", "5s", "ATTUNE_EXECUTOR_RELAY_INTERVAL", "100ms",
                "ATTUNE_EXECUTOR_LEASE_SWEEP_INTERVAL", "200ms"))) {
            attune.awaitLog("Attune started", Duration.ofSeconds(120));
            Api api = new Api("http://127.0.0.1:" + attune.port());
            List<Map<String, Object>> requests = List.of(
                    Map.of("action", "core.noop", "parameters", Map.of()),
                    Map.of("action", "core.echo", "parameters", Map.of("message", "load")),
                    Map.of("action", "core.local", "parameters", Map.of("cmd", "sleep 0.3; echo done")),
                    Map.of("action", "core.sleep", "parameters", Map.of("seconds", 2)));
            for (int i = 0; i < 4; i++) {
                int sender = i;
                senders.add(Thread.ofPlatform().name("e2e-load-" + i).start(() -> {
                    int n = 0;
                    while (loading.get()) {
                        try {
                            Api.Response sent = n % 5 == 4
                                    ? api.post("/api/v1/events", Api.json(Map.of("trigger", "core.webhook",
                                            "payload", Map.of("n", n))))
                                    : api.post("/api/v1/executions", Api.json(requests.get((n + sender) % requests.size())));
                            if (sent.status() / 100 == 2) {
                                accepted.incrementAndGet();
                            }
                        } catch (RuntimeException stopped) {
                            ExecutionApiEndToEndTest.sleep(20); // the server is going away
                        }
                        n++;
                    }
                }));
            }
            ExecutionApiEndToEndTest.sleep(5_000);

            attune.stop();
            loading.set(false);
            for (Thread sender : senders) {
                sender.join(Duration.ofSeconds(10));
            }

            String log = attune.log();
            assertThat(accepted.get()).as("requests accepted under load").isGreaterThan(10);
            assertThat(log).contains("worker " + name + " draining").contains("worker " + name + " stopped");
            assertThat(log.lines().filter(l -> l.contains(" ERROR ")).toList()).as(log).isEmpty();
            List<String> warnings = log.lines().filter(l -> l.contains(" WARN ")).toList();
            System.out.printf("[measured] clean stop under load: %d requests accepted, 0 ERROR, %d WARN:%n%s%n",
                    accepted.get(), warnings.size(), String.join("\n", warnings));
        } finally {
            loading.set(false);
            TestServices.get().deleteNamespace(ns);
        }
    }
}
