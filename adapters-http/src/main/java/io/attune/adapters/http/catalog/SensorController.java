package io.attune.adapters.http.catalog;

import io.attune.adapters.http.problem.Problem;
import io.attune.adapters.http.support.ListResponse;
import io.attune.adapters.http.support.Params;
import io.attune.application.port.in.CatalogQueries;
import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.SensorQueries;
import io.attune.domain.common.Ref;
import io.attune.domain.sensor.Sensor;
import io.attune.domain.sensor.SensorState;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** REST API v1 for the installed sensors and what their processes are doing. */
@Controller("/api/v1/sensors")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Sensors")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "5XX", description = "the server failed: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class SensorController {

    private final CatalogQueries catalog;
    private final SensorQueries sensors;

    SensorController(CatalogQueries catalog, SensorQueries sensors) {
        this.catalog = catalog;
        this.sensors = sensors;
    }

    /**
     * Lists sensors, ordered by ref.
     *
     * @param pack   only the sensors of this pack
     * @param runner only the sensors of this runner (shell, python, node)
     * @param limit  at most this many items, 1 to 1000
     * @param offset skip this many items
     * @return one page of sensors, each with its runtime state
     */
    @Operation(operationId = "listSensors")
    @Get
    public ListResponse<SensorJson> list(@Nullable @QueryValue String pack, @Nullable @QueryValue String runner,
                                         @QueryValue(defaultValue = "50") int limit,
                                         @QueryValue(defaultValue = "0") int offset) {
        ComponentFilter filter = new ComponentFilter(Params.optionalPackName("pack", pack),
                Params.optionalRunner("runner", runner));
        Page<Sensor> page = catalog.sensors(filter, Params.page(limit, offset));
        Map<Ref, SensorState> states = sensors.states();
        return ListResponse.of(page, s -> SensorJson.of(s, Optional.ofNullable(states.get(s.ref()))));
    }

    /**
     * Shows one sensor with its runtime state.
     *
     * @param ref the sensor's ref, {@code pack.name}
     * @return the sensor
     */
    @Operation(operationId = "getSensor")
    @Get("/{ref}")
    public SensorJson get(@PathVariable String ref) {
        Ref sensor = Params.ref("ref", ref);
        return SensorJson.of(catalog.sensor(sensor), sensors.state(sensor));
    }

    /**
     * Lists the recent lines of a sensor that did not become events (not JSON, no trigger, a trigger the sensor does
     * not declare, a payload the trigger's schema refuses), newest first.
     *
     * @param ref   the sensor's ref, {@code pack.name}
     * @param limit at most this many errors, 1 to 1000
     * @return the sensor's recent errors
     */
    @Operation(operationId = "listSensorErrors")
    @Get("/{ref}/errors")
    public ListResponse<SensorErrorJson> errors(@PathVariable String ref, @QueryValue(defaultValue = "50") int limit) {
        Ref sensor = Params.ref("ref", ref);
        PageRequest page = Params.page(limit, 0);
        List<SensorErrorJson> items = sensors.errors(sensor, page.limit()).stream().map(SensorErrorJson::of).toList();
        return new ListResponse<>(items, items.size(), page.limit(), 0);
    }
}
