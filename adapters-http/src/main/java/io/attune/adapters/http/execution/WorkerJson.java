package io.attune.adapters.http.execution;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.adapters.http.support.Times;
import io.attune.application.port.in.ExecutionQueries.WorkerView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A worker as the API shows it. */
@Schema(name = "Worker")
public record WorkerJson(String name, String host, List<String> runtimes, int capacity,
                         @Schema(description = "active (heartbeating), draining (stopping: takes no more work, lets"
                                 + " what runs finish), lost (its heartbeat stopped: what it ran is abandoned once its"
                                 + " leases expire) or stopped (stopped in order)",
                                 allowableValues = {"active", "draining", "lost", "stopped"}) String status,
                         @JsonProperty("last_heartbeat") @Schema(name = "last_heartbeat") String lastHeartbeat,
                         @JsonProperty("heartbeat_interval_ms") @Schema(name = "heartbeat_interval_ms",
                                 description = "how often the worker heartbeats: it is lost after a few missed ones")
                         long heartbeatIntervalMs,
                         @JsonProperty("started_at") @Schema(name = "started_at") String startedAt, int running,
                         @Schema(description = "the labels it advertises (ATTUNE_WORKER_LABELS)")
                         Map<String, String> labels,
                         @JsonProperty("runtime_versions") @Schema(name = "runtime_versions",
                                 description = "what it found of each runtime at start") List<Found> runtimeVersions) {

    /** One runtime as a worker found it: version and path (null for runners built into the worker). */
    @Schema(name = "WorkerRuntime")
    public record Found(String name, @Schema(nullable = true) String version, @Schema(nullable = true) String path) {
    }

    static WorkerJson of(WorkerView w) {
        return new WorkerJson(w.name(), w.host(), w.runtimes().stream().sorted().toList(), w.capacity(), w.status(),
                Times.iso(w.heartbeatAt()), w.heartbeatInterval().toMillis(), Times.iso(w.startedAt()), w.running(),
                new TreeMap<>(w.labels()), w.details().stream()
                .map(d -> new Found(d.runner(), d.version().orElse(null), d.path().orElse(null))).toList());
    }
}
