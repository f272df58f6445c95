package io.attune.adapters.http.execution;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.adapters.http.support.Times;
import io.attune.application.port.in.ExecutionQueries.WorkerView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A worker as the API shows it. */
@Schema(name = "Worker")
public record WorkerJson(String name, String host, List<String> runtimes, int capacity, String status,
                         @JsonProperty("heartbeat_at") @Schema(name = "heartbeat_at") String heartbeatAt,
                         @JsonProperty("started_at") @Schema(name = "started_at") String startedAt, int running) {

    static WorkerJson of(WorkerView w) {
        return new WorkerJson(w.name(), w.host(), w.runtimes().stream().sorted().toList(), w.capacity(), w.status(),
                Times.iso(w.heartbeatAt()), Times.iso(w.startedAt()), w.running());
    }
}
