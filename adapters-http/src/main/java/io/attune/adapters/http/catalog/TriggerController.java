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
import java.util.Optional;

/** REST API v1 for the installed triggers. */
@Controller("/api/v1/triggers")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Triggers")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "5XX", description = "the server failed: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class TriggerController {

    private final CatalogQueries catalog;

    TriggerController(CatalogQueries catalog) {
        this.catalog = catalog;
    }

    /**
     * Lists triggers, ordered by ref.
     *
     * @param pack   only the triggers of this pack
     * @param limit  at most this many items, 1 to 1000
     * @param offset skip this many items
     * @return one page of triggers
     */
    @Operation(operationId = "listTriggers")
    @Get
    public ListResponse<TriggerJson> list(@Nullable @QueryValue String pack,
                                          @QueryValue(defaultValue = "50") int limit,
                                          @QueryValue(defaultValue = "0") int offset) {
        ComponentFilter filter = new ComponentFilter(Params.optionalPackName("pack", pack), Optional.empty());
        return ListResponse.of(catalog.triggers(filter, Params.page(limit, offset)), TriggerJson::of);
    }

    /**
     * Shows one trigger.
     *
     * @param ref the trigger's ref, {@code pack.name}
     * @return the trigger
     */
    @Operation(operationId = "getTrigger")
    @Get("/{ref}")
    public TriggerJson get(@PathVariable String ref) {
        return TriggerJson.of(catalog.trigger(Params.ref("ref", ref)));
    }
}
