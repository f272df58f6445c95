package io.attune.adapters.http.execution;

import io.attune.adapters.http.support.Params;
import io.attune.application.port.in.ExecutionQueries;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;

/** REST API v1 for what runs executions: workers and the policy queues of an action. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Executions")
public final class WorkerController {

    private final ExecutionQueries queries;

    WorkerController(ExecutionQueries queries) {
        this.queries = queries;
    }

    /**
     * Lists the registered workers: runtimes (with the versions found at start), labels, capacity, status
     * ({@code active}, {@code draining} while it stops, {@code lost} once its heartbeat stopped, {@code stopped}), last
     * heartbeat, executions running. Lost and stopped workers are listed for a day
     * ({@code attune.worker.forget-after}) after their last heartbeat.
     *
     * @return the workers
     */
    @Operation(operationId = "listWorkers")
    @Get("/workers")
    public Map<String, List<WorkerJson>> workers() {
        return Map.of("items", queries.workers().stream().map(WorkerJson::of).toList());
    }

    /**
     * Lists the runtimes workers can serve ({@code shell}, {@code python}, {@code node}, {@code internal},
     * {@code http}), each with the workers that serve it now (active or draining) and the version and path each found
     * at start; {@code served} is true when an active worker serves it. An execution of a runtime no active worker
     * serves waits in {@code scheduled} with its {@code waiting_for} saying so.
     *
     * @return the runtimes
     */
    @Operation(operationId = "listRuntimes")
    @Get("/runtimes")
    public Map<String, List<RuntimeJson>> runtimes() {
        return Map.of("items", queries.runtimes().stream().map(RuntimeJson::of).toList());
    }

    /**
     * Shows the policy queues of an action, per key: limit, active, queued, age of the oldest waiting, totals.
     *
     * @param ref the action's ref
     * @return one entry per policy key
     */
    @Operation(operationId = "getQueueStats")
    @Get("/actions/{ref}/queue-stats")
    public Map<String, List<QueueStatsJson>> queueStats(@PathVariable String ref) {
        return Map.of("items", queries.queueStats(Params.ref("ref", ref).toString()).stream().map(QueueStatsJson::of).toList());
    }
}
