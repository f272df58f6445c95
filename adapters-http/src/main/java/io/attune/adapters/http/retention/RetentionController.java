package io.attune.adapters.http.retention;

import io.attune.adapters.http.problem.Problem;
import io.attune.adapters.http.security.Callers;
import io.attune.adapters.http.support.UnknownFields;
import io.attune.application.port.in.Retention;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * Sets how old events, executions and audit entries grow before they are deleted: each age given ({@code 30d},
     * {@code 12h}, {@code P30D}, or {@code 0}/{@code off} to keep that kind for ever) replaces the one in effect; an
     * absent one keeps its value. Stored in the database, so every instance uses it from its next sweep, over the
     * configuration. An age under one hour, an unreadable one or an unknown field is a 422 naming the field, and
     * nothing changes. Recorded in the audit trail.
     *
     * @param body the ages to set
     * @return the ages now in effect
     */
    @Operation(operationId = "putRetention")
    @Put
    public RetentionJson update(@Body RetentionRequest body, HttpRequest<?> request) {
        UnknownFields.refuse(body.unknown());
        Map<String, String> ages = new LinkedHashMap<>();
        if (body.events() != null) {
            ages.put("events", body.events());
        }
        if (body.executions() != null) {
            ages.put("executions", body.executions());
        }
        if (body.audit() != null) {
            ages.put("audit", body.audit());
        }
        retention.update(ages, Callers.of(request).name());
        return RetentionJson.of(retention, sweepInterval);
    }
}
