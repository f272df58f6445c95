package io.attune.adapters.http.execution;

import io.attune.adapters.http.problem.Problem;
import io.attune.adapters.http.problem.ProblemException;
import io.attune.adapters.http.support.Backpressure;
import io.attune.adapters.http.support.IdempotentIntake;
import io.attune.adapters.http.support.ListResponse;
import io.attune.adapters.http.support.Params;
import io.attune.adapters.http.support.StorableValues;
import io.attune.application.port.in.ExecutionCommands;
import io.attune.application.port.in.ExecutionCommands.ExecutionView;
import io.attune.application.port.in.ExecutionCommands.RequestExecution;
import io.attune.application.port.in.ExecutionOutputs;
import io.attune.application.port.in.ExecutionQueries;
import io.attune.application.port.in.ExecutionQueries.ExecutionFilter;
import io.attune.application.port.in.Idempotency.Claim;
import io.attune.application.port.in.IntakeLag;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.in.WorkflowCommands;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.execution.OutputChunk;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** REST API v1 for executions: run an action, list and show executions, cancel and rerun them. */
@Controller("/api/v1/executions")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Executions")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class ExecutionController {

    private final ExecutionCommands commands;
    private final ExecutionQueries queries;
    private final IdempotentIntake once;
    private final WorkflowCommands workflows;
    private final IntakeLag lag;
    private final ExecutionOutputs outputs;

    ExecutionController(ExecutionCommands commands, ExecutionQueries queries, IdempotentIntake once,
                        @Nullable WorkflowCommands workflows, IntakeLag lag, ExecutionOutputs outputs) {
        this.lag = lag;
        this.outputs = outputs;
        this.commands = commands;
        this.queries = queries;
        this.once = once;
        this.workflows = workflows;
    }

    /**
     * Runs an action: parameters are validated against its schema (defaults applied), then the execution is admitted
     * under the action's policies: scheduled, or delayed in a FIFO queue.
     *
     * @param body the action ref and its parameters
     * @return the execution, with its location
     */
    @Operation(operationId = "runAction")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = false,
            description = "a retry with the same key and body within the retention (24 h) gets the first answer"
                    + " and creates nothing; another body with the same key is a 422")
    @ApiResponse(responseCode = "201", description = "created, with its Location",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExecutionJson.class)))
    @Post
    public HttpResponse<String> run(HttpRequest<?> request, @Body ExecutionRequest body) {
        Backpressure.admitExecution(lag, request); // past the backlog bound: 429 with Retry-After, nothing stored
        if (body.action() == null || body.action().isBlank()) {
            throw ProblemException.invalidInput("action", "the ref of the action to run is required");
        }
        StorableValues.refuse("parameters", body.parameters());
        RequestExecution command = new RequestExecution(body.action(),
                body.parameters() == null ? Map.of() : body.parameters(), Optional.ofNullable(body.timeout()),
                OptionalLong.empty(), OptionalLong.empty());
        Optional<Claim> claim = once.claim(request, "executions", body);
        return once.once(claim, () -> commands.request(claim.map(command::once).orElse(command)),
                ExecutionController::created, resource -> created(queries.get(IdempotentIntake.idOf(resource))));
    }

    private static MutableHttpResponse<ExecutionJson> created(ExecutionView view) {
        return HttpResponse.created(ExecutionJson.of(view),
                UriBuilder.of("/api/v1/executions").path(Long.toString(view.execution().id())).build());
    }

    /**
     * Lists executions, newest first.
     *
     * @param status only executions in this status
     * @param action only executions of this action ref
     * @param pack   only executions of this pack's actions
     * @param parent only children of this execution
     * @param since  only executions created at or after this ISO-8601 instant
     * @param until  only executions created before this ISO-8601 instant
     * @param limit  at most this many items, 1 to 1000
     * @param offset skip this many items
     * @return one page of executions
     */
    @Operation(operationId = "listExecutions")
    @Get
    public ListResponse<ExecutionJson> list(@Nullable @QueryValue String status, @Nullable @QueryValue String action,
                                            @Nullable @QueryValue String pack, @Nullable @QueryValue Long parent,
                                            @Nullable @QueryValue String since, @Nullable @QueryValue String until,
                                            @QueryValue(defaultValue = "50") int limit,
                                            @QueryValue(defaultValue = "0") int offset) {
        ExecutionFilter filter = new ExecutionFilter(
                Optional.ofNullable(status).filter(s -> !s.isBlank()).map(s -> ExecutionStatus.fromCode(s)
                        .orElseThrow(() -> ProblemException.invalidParameter("status", "unknown status '" + s + "'"))),
                Params.optionalRef("action", action), Params.optionalPackName("pack", pack),
                parent == null ? OptionalLong.empty() : OptionalLong.of(parent),
                instant("since", since), instant("until", until));
        return ListResponse.of(queries.list(filter, Params.page(limit, offset)), ExecutionJson::of);
    }

    /**
     * Shows one execution: status, parameters (secrets masked), result, exit code, output, times, worker, and its
     * position in the policy queue while delayed.
     *
     * @param id the execution's id
     * @return the execution
     */
    @Operation(operationId = "getExecution")
    @Get("/{id}")
    public ExecutionJson get(@PathVariable long id) {
        return ExecutionJson.of(queries.get(id));
    }

    /**
     * What the execution printed so far, in chunks stored by its worker while the action runs (at most every 500 ms),
     * after seq {@code after}: poll with the last {@code next} until {@code done}. At most 500 chunks per answer.
     *
     * @param id     the execution's id
     * @param after  only chunks with a greater seq (0, the default, for all)
     * @param stream only chunks of this stream: {@code stdout} or {@code stderr}
     * @return the execution's status and the chunks
     */
    @Operation(operationId = "getExecutionOutput")
    @Get("/{id}/output")
    public ExecutionOutputJson output(@PathVariable long id, @Nullable @QueryValue String after,
                                      @Nullable @QueryValue String stream) {
        long from = seq(after);
        Optional<OutputChunk.Stream> only = stream == null || stream.isBlank() ? Optional.empty()
                : Optional.of(OutputChunk.Stream.fromCode(stream).orElseThrow(() -> ProblemException.invalidParameter(
                        "stream", "must be stdout or stderr, got '" + stream + "'")));
        return ExecutionOutputJson.of(outputs.after(id, from, only), from);
    }

    private static long seq(String after) {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            long seq = Long.parseLong(after.strip());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidParameter("after", "must be 0 or the seq of a chunk (a whole number), got '"
                + after + "'");
    }

    /**
     * Cancels an execution: a waiting one ends at once, a running one is stopped (SIGTERM, then SIGKILL).
     *
     * @param id the execution's id
     * @return the execution, canceled or canceling
     */
    @Operation(operationId = "cancelExecution")
    @Post("/{id}/cancel")
    public ExecutionJson cancel(@PathVariable long id) {
        return ExecutionJson.of(commands.cancel(id));
    }

    /**
     * Runs the same action again as a new execution, with the same parameters unless the body gives others; an ended
     * workflow reruns from the {@code tasks} the body names, keeping the context they started with.
     *
     * @param id   the execution to run again
     * @param body optional new parameters, or the workflow tasks to rerun from
     * @return the new execution
     */
    @Operation(operationId = "rerunExecution")
    @Post("/{id}/rerun")
    public HttpResponse<ExecutionJson> rerun(@PathVariable long id, @Nullable @Body RerunRequest body) {
        StorableValues.refuse("parameters", body == null ? null : body.parameters());
        ExecutionView view;
        if (body != null && body.tasks() != null) {
            if (body.parameters() != null) {
                throw ProblemException.invalidInput("parameters", "a workflow rerun from tasks keeps its parameters");
            }
            view = workflows().rerun(id, body.tasks(), body.reset() == null ? List.of() : body.reset());
        } else {
            if (body != null && body.reset() != null) {
                throw ProblemException.invalidInput("reset", "reset goes with tasks: name the tasks to rerun from");
            }
            view = commands.rerun(id, Optional.ofNullable(body).map(RerunRequest::parameters));
        }
        return HttpResponse.created(ExecutionJson.of(view),
                UriBuilder.of("/api/v1/executions").path(Long.toString(view.execution().id())).build());
    }

    /**
     * Pauses a running workflow: no new task starts, running ones finish (subworkflows pause too), then it is paused.
     *
     * @param id the workflow execution's id
     * @return the execution, pausing or paused
     */
    @Operation(operationId = "pauseExecution")
    @Post("/{id}/pause")
    public ExecutionJson pause(@PathVariable long id) {
        return ExecutionJson.of(workflows().pause(id));
    }

    /**
     * Resumes a pausing or paused workflow: what waited starts.
     *
     * @param id the workflow execution's id
     * @return the execution, running
     */
    @Operation(operationId = "resumeExecution")
    @Post("/{id}/resume")
    public ExecutionJson resume(@PathVariable long id) {
        return ExecutionJson.of(workflows().resume(id));
    }

    /**
     * Lists every run of every task of a workflow execution, in the order they started, with their executions.
     *
     * @param id the workflow execution's id
     * @return the task runs
     */
    @Operation(operationId = "listExecutionTasks")
    @Get("/{id}/tasks")
    public List<TaskRunJson> tasks(@PathVariable long id) {
        return workflows().tasks(id).stream().map(TaskRunJson::of).toList();
    }

    private WorkflowCommands workflows() {
        if (workflows == null) {
            throw new UseCaseException.Conflict("this instance runs no workflows");
        }
        return workflows;
    }

    private static Optional<Instant> instant(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidParameter(parameter, "expected an ISO-8601 instant such as 2026-01-31T12:00:00Z, got '" + value + "'");
        }
    }
}
