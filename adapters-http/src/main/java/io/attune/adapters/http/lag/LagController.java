package io.attune.adapters.http.lag;

import io.attune.adapters.http.problem.Problem;
import io.attune.application.port.in.IntakeLag;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** REST API v1 for the lag between accepting work and starting it (any authenticated user). */
@Controller("/api/v1/lag")
@Tag(name = "Lag")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class LagController {

    private final IntakeLag lag;

    LagController(IntakeLag lag) {
        this.lag = lag;
    }

    /**
     * Shows what waits at each stage (events for the rules, outbox messages for the broker, executions for a worker),
     * the broker's queue depths, the totals stored and the backpressure bounds, as sampled about once a second.
     *
     * @return the last sample
     */
    @Operation(operationId = "getLag")
    @Get
    public LagJson show() {
        return LagJson.of(lag.current());
    }
}
