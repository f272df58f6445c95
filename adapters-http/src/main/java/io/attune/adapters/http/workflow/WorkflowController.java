package io.attune.adapters.http.workflow;

import io.attune.adapters.http.problem.Problem;
import io.attune.adapters.http.support.StorableValues;
import io.attune.adapters.http.support.UnknownFields;
import io.attune.application.port.in.WorkflowDesign;
import io.attune.application.port.in.WorkflowDesign.Mock;
import io.attune.application.port.in.WorkflowDesign.Simulate;
import io.attune.application.port.in.WorkflowDesign.WorkflowText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** REST API v1 for workflow authors: validate a workflow, and simulate it with mocked task results. */
@Controller("/api/v1/workflows")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Workflows")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class WorkflowController {

    private final WorkflowDesign design;

    WorkflowController(WorkflowDesign design) {
        this.design = design;
    }

    /**
     * Validates a workflow and reports every static error at once, each with its path: syntax, Orquesta's fields,
     * unknown tasks in {@code do}, unreachable tasks, undefined variables, bad expressions, unknown actions.
     *
     * @param body the workflow's YAML text ({@code definition}) or an installed workflow action's {@code ref}
     * @return whether it is valid, and its errors
     */
    @Operation(operationId = "validateWorkflow")
    @Post("/validate")
    public ValidationJson validate(@Nullable @Body WorkflowRequest body) {
        WorkflowRequest request = body == null ? new WorkflowRequest(null, null, null, null, null, null) : body;
        UnknownFields.refuse(request.unknown());
        return ValidationJson.of(design.validate(text(request)));
    }

    /**
     * Dry-runs a workflow with mocked task results (Orquesta's rehearsal): executes nothing, and answers with the
     * status, the tasks in the order they started, the output and the errors. A task with no mock left succeeds with
     * a null result.
     *
     * @param body the workflow, its input, the mocks and keys
     * @return what the rehearsal came to
     */
    @Operation(operationId = "simulateWorkflow")
    @Post("/simulate")
    public SimulationJson simulate(@Nullable @Body WorkflowRequest body) {
        WorkflowRequest request = body == null ? new WorkflowRequest(null, null, null, null, null, null) : body;
        UnknownFields.refuse(request.unknown());
        StorableValues.refuse("input", request.input());
        List<Mock> mocks = request.mocks() == null ? List.of() : request.mocks().stream().map(m -> m == null
                ? new Mock(null, null, null, OptionalInt.empty(), 1, OptionalInt.empty())
                : new Mock(m.task(), m.status(), m.result() != null ? m.result() : m.response(), optional(m.item()),
                m.times() == null ? 1 : m.times(),
                optional(m.seq()))).toList();
        WorkflowDesign.Simulation simulation = design.simulate(new Simulate(text(request),
                request.input() == null ? Map.of() : request.input(), mocks, request.keys()));
        return new SimulationJson(simulation.status(), simulation.tasks(), simulation.output(), simulation.errors());
    }

    private static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static WorkflowText text(WorkflowRequest request) {
        return new WorkflowText(Optional.ofNullable(request.definition()), Optional.ofNullable(request.ref()));
    }
}
