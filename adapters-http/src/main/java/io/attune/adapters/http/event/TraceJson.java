package io.attune.adapters.http.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.attune.adapters.http.execution.ExecutionJson;
import io.attune.application.port.in.EventQueries.EnforcementNode;
import io.attune.application.port.in.EventQueries.ExecutionNode;
import io.attune.application.port.in.EventQueries.Trace;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** An event's lineage: event → enforcements → executions → child executions. */
@Schema(name = "Trace")
public record TraceJson(EventJson event, List<EnforcementNodeJson> enforcements) {

    static TraceJson of(Trace trace) {
        return new TraceJson(EventJson.of(trace.event()), trace.enforcements().stream().map(EnforcementNodeJson::of).toList());
    }

    /** One enforcement and the execution it requested. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "TraceEnforcement")
    public record EnforcementNodeJson(EnforcementJson enforcement, @Schema(nullable = true) ExecutionNodeJson execution) {
        static EnforcementNodeJson of(EnforcementNode node) {
            return new EnforcementNodeJson(EnforcementJson.of(node.enforcement()),
                    node.execution().map(ExecutionNodeJson::of).orElse(null));
        }
    }

    /** An execution and the executions it started. */
    @Schema(name = "TraceExecution")
    public record ExecutionNodeJson(ExecutionJson execution, List<ExecutionNodeJson> children) {
        static ExecutionNodeJson of(ExecutionNode node) {
            return new ExecutionNodeJson(ExecutionJson.of(node.execution()),
                    node.children().stream().map(ExecutionNodeJson::of).toList());
        }
    }
}
