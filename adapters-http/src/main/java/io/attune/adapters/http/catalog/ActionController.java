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

/** REST API v1 for the installed actions. */
@Controller("/api/v1/actions")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Actions")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "5XX", description = "the server failed: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class ActionController {

    private final CatalogQueries catalog;

    ActionController(CatalogQueries catalog) {
        this.catalog = catalog;
    }

    /**
     * Lists actions, ordered by ref.
     *
     * @param pack   only the actions of this pack
     * @param runner only the actions of this runner (shell, python, node, workflow, ...)
     * @param limit  at most this many items, 1 to 1000
     * @param offset skip this many items
     * @return one page of actions
     */
    @Operation(operationId = "listActions")
    @Get
    public ListResponse<ActionJson> list(@Nullable @QueryValue String pack, @Nullable @QueryValue String runner,
                                         @QueryValue(defaultValue = "50") int limit,
                                         @QueryValue(defaultValue = "0") int offset) {
        ComponentFilter filter = new ComponentFilter(Params.optionalPackName("pack", pack),
                Params.optionalRunner("runner", runner));
        return ListResponse.of(catalog.actions(filter, Params.page(limit, offset)), ActionJson::of);
    }

    /**
     * Shows one action.
     *
     * @param ref the action's ref, {@code pack.name}
     * @return the action
     */
    @Operation(operationId = "getAction")
    @Get("/{ref}")
    public ActionJson get(@PathVariable String ref) {
        return ActionJson.of(catalog.action(Params.ref("ref", ref)));
    }
}
