package io.attune.adapters.http.execution;

import io.attune.application.port.in.ExecutionQueries.RuntimeView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A runtime as the API shows it: whether an active worker serves it, and the workers that serve it now. */
@Schema(name = "Runtime")
public record RuntimeJson(String name,
                          @Schema(description = "true when an active worker serves it") boolean served,
                          List<Serving> workers) {

    /** One worker serving the runtime: its status and the version and path it found at start. */
    @Schema(name = "RuntimeWorker")
    public record Serving(String name, String status, @Schema(nullable = true) String version,
                          @Schema(nullable = true) String path) {
    }

    static RuntimeJson of(RuntimeView runtime) {
        return new RuntimeJson(runtime.name(), runtime.served(), runtime.workers().stream()
                .map(w -> new Serving(w.worker(), w.status(), w.version().orElse(null), w.path().orElse(null))).toList());
    }
}
