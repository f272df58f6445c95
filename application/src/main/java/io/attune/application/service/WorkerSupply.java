package io.attune.application.service;

import io.attune.application.port.in.ExecutionQueries.RuntimeView;
import io.attune.application.port.in.ExecutionQueries.RuntimeWorker;
import io.attune.application.port.in.ExecutionQueries.WorkerView;
import io.attune.domain.action.RunnerType;
import io.attune.domain.action.WorkerLabels;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which workers serve what: the runtimes with the workers that serve them, and why a scheduled execution waits when no
 * live (active) worker can take it. Read from the registered workers; pure.
 */
final class WorkerSupply {

    /** The runners whose executions workers take (workflows and inquiries stay in the executor). */
    static final Set<RunnerType> WORKER_RUNNERS = EnumSet.of(RunnerType.SHELL, RunnerType.PYTHON, RunnerType.NODE,
            RunnerType.INTERNAL, RunnerType.HTTP);

    private WorkerSupply() {
    }

    /** Every runtime a worker can serve, by name, with the workers (not stopped nor lost) that serve it. */
    static List<RuntimeView> runtimes(List<WorkerView> workers) {
        List<RuntimeView> views = new ArrayList<>();
        WORKER_RUNNERS.stream().map(RunnerType::code).sorted().forEach(runtime -> {
            List<RuntimeWorker> serving = new ArrayList<>();
            for (WorkerView w : workers) {
                if (w.live() || w.status().equals("draining")) {
                    w.details().stream().filter(d -> d.runner().equals(runtime)).findFirst().ifPresent(d ->
                            serving.add(new RuntimeWorker(w.name(), w.status(), d.version(), d.path())));
                }
            }
            views.add(new RuntimeView(runtime, serving.stream().anyMatch(s -> s.status().equals("active")), serving));
        });
        return views;
    }

    /**
     * Why an execution of this runner, asking for these labels, waits in {@code scheduled}: no live worker serves the
     * runtime, or none of those that do has every label asked for. Empty when some live worker can take it (or when
     * workers do not take this runner's executions).
     */
    static Optional<String> waitingFor(RunnerType runner, Map<String, String> labels, List<WorkerView> workers) {
        if (!WORKER_RUNNERS.contains(runner)) {
            return Optional.empty();
        }
        List<WorkerView> serving = workers.stream().filter(WorkerView::live)
                .filter(w -> w.runtimes().contains(runner.code())).toList();
        if (serving.isEmpty()) {
            return Optional.of("no live worker serves runtime " + runner.code());
        }
        if (serving.stream().noneMatch(w -> WorkerLabels.satisfies(w.labels(), labels))) {
            return Optional.of("no live worker serving runtime " + runner.code() + " has the labels "
                    + WorkerLabels.format(labels));
        }
        return Optional.empty();
    }
}
