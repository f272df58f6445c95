package io.attune.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.ExecutionQueries.RuntimeView;
import io.attune.application.port.in.ExecutionQueries.RuntimeWorker;
import io.attune.application.port.in.ExecutionQueries.WorkerRuntime;
import io.attune.application.port.in.ExecutionQueries.WorkerView;
import io.attune.domain.action.RunnerType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkerSupplyTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private static WorkerView worker(String name, String status, Map<String, String> labels, String... runtimes) {
        List<WorkerRuntime> details = java.util.Arrays.stream(runtimes).sorted()
                .map(r -> new WorkerRuntime(r, Optional.of("1.0"), Optional.of("/usr/bin/" + r))).toList();
        return new WorkerView(name, "h", Set.of(runtimes), 4, status, T0, Duration.ofSeconds(10), T0, 0, details, labels);
    }

    @Test
    void aScheduledExecutionWaitsWhenNoLiveWorkerServesItsRuntimeOrHasItsLabels() {
        List<WorkerView> workers = List.of(worker("a", "active", Map.of("region", "eu"), "shell", "python"),
                worker("b", "lost", Map.of(), "node"), worker("c", "draining", Map.of("gpu", "true"), "shell"));

        assertThat(WorkerSupply.waitingFor(RunnerType.SHELL, Map.of(), workers)).isEmpty();
        assertThat(WorkerSupply.waitingFor(RunnerType.SHELL, Map.of("region", "eu"), workers)).isEmpty();
        assertThat(WorkerSupply.waitingFor(RunnerType.NODE, Map.of(), workers))
                .contains("no live worker serves runtime node");
        assertThat(WorkerSupply.waitingFor(RunnerType.SHELL, Map.of("gpu", "true"), workers))
                .contains("no live worker serving runtime shell has the labels gpu=true");
        assertThat(WorkerSupply.waitingFor(RunnerType.WORKFLOW, Map.of(), List.of())).as("run by executors").isEmpty();
    }

    @Test
    void runtimesAreListedWithTheWorkersServingThemNow() {
        List<WorkerView> workers = List.of(worker("a", "active", Map.of(), "shell", "python"),
                worker("b", "lost", Map.of(), "node"), worker("c", "draining", Map.of(), "shell"));

        List<RuntimeView> runtimes = WorkerSupply.runtimes(workers);

        assertThat(runtimes).extracting(RuntimeView::name).containsExactly("http", "internal", "node", "python", "shell");
        RuntimeView shell = runtimes.get(4);
        assertThat(shell.served()).isTrue();
        assertThat(shell.workers()).containsExactly(
                new RuntimeWorker("a", "active", Optional.of("1.0"), Optional.of("/usr/bin/shell")),
                new RuntimeWorker("c", "draining", Optional.of("1.0"), Optional.of("/usr/bin/shell")));
        assertThat(runtimes.get(2)).isEqualTo(new RuntimeView("node", false, List.of()));
    }
}
