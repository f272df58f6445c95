package io.attune.adapters.http.catalog;

import io.attune.adapters.http.problem.Problem;
import io.attune.adapters.http.support.ListResponse;
import io.attune.adapters.http.support.Params;
import io.attune.application.port.in.CatalogQueries;
import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** REST API v1 for the installed sensors. */
@Controller("/api/v1/sensors")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Sensors")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "5XX", description = "the server failed: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class SensorController {

    private final CatalogQueries catalog;

    SensorController(CatalogQueries catalog) {
        this.catalog = catalog;
    }

    /**
     * Lists sensors, ordered by ref.
     *
     * @param pack   only the sensors of this pack
     * @param runner only the sensors of this runner (shell, python, node)
     * @param limit  at most this many items, 1 to 1000
     * @param offset skip this many items
     * @return one page of sensors
     */
    @Operation(operationId = "listSensors")
    @Get
    public ListResponse<SensorJson> list(@Nullable @QueryValue String pack, @Nullable @QueryValue String runner,
                                         @QueryValue(defaultValue = "50") int limit,
                                         @QueryValue(defaultValue = "0") int offset) {
        ComponentFilter filter = new ComponentFilter(Params.optionalPackName("pack", pack),
                Params.optionalRunner("runner", runner));
        return ListResponse.of(catalog.sensors(filter, Params.page(limit, offset)), SensorJson::of);
    }

    /**
     * Shows one sensor.
     *
     * @param ref the sensor's ref, {@code pack.name}
     * @return the sensor
     */
    @Operation(operationId = "getSensor")
    @Get("/{ref}")
    public SensorJson get(@PathVariable String ref) {
        return SensorJson.of(catalog.sensor(Params.ref("ref", ref)));
    }
}
