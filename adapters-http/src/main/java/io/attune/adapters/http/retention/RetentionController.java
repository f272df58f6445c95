package io.attune.adapters.http.retention;

import io.attune.adapters.http.problem.Problem;
import io.attune.application.port.in.Retention;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;

/** REST API v1 for retention (admins). */
@Controller("/api/v1/retention")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Retention")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class RetentionController {

    private final Retention retention;
    private final Duration sweepInterval;

    RetentionController(Retention retention, @Value("${attune.retention.sweep-interval:1h}") Duration sweepInterval) {
        this.retention = retention;
        this.sweepInterval = sweepInterval;
    }

    /**
     * Shows how old events, executions and audit entries grow before they are deleted, and what the last sweep on
     * this instance deleted.
     *
     * @return the ages in effect and the last sweep
     */
    @Operation(operationId = "getRetention")
    @Get
    public RetentionJson show() {
        return RetentionJson.of(retention, sweepInterval);
    }
}
