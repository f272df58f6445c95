package io.attune.adapters.http.execution;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.adapters.http.support.Times;
import io.attune.application.port.in.ExecutionQueries.WorkerView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A worker as the API shows it. */
@Schema(name = "Worker")
public record WorkerJson(String name, String host, List<String> runtimes, int capacity,
                         @Schema(description = "active (heartbeating), lost (its heartbeat stopped: what it ran is"
                                 + " abandoned once its leases expire) or stopped (stopped in order)",
                                 allowableValues = {"active", "lost", "stopped"}) String status,
                         @JsonProperty("last_heartbeat") @Schema(name = "last_heartbeat") String lastHeartbeat,
                         @JsonProperty("heartbeat_interval_ms") @Schema(name = "heartbeat_interval_ms",
                                 description = "how often the worker heartbeats: it is lost after a few missed ones")
                         long heartbeatIntervalMs,
                         @JsonProperty("started_at") @Schema(name = "started_at") String startedAt, int running) {

    static WorkerJson of(WorkerView w) {
        return new WorkerJson(w.name(), w.host(), w.runtimes().stream().sorted().toList(), w.capacity(), w.status(),
                Times.iso(w.heartbeatAt()), w.heartbeatInterval().toMillis(), Times.iso(w.startedAt()), w.running());
    }
}
