package io.attune.adapters.http.catalog;

import io.attune.adapters.http.problem.Problem;
import io.attune.adapters.http.support.ListResponse;
import io.attune.adapters.http.support.Params;
import io.attune.application.port.in.CatalogQueries;
import io.attune.application.port.in.CatalogQueries.PolicyFilter;
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

/** REST API v1 for the installed policies. */
@Controller("/api/v1/policies")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Policies")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "5XX", description = "the server failed: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class PolicyController {

    private final CatalogQueries catalog;

    PolicyController(CatalogQueries catalog) {
        this.catalog = catalog;
    }

    /**
     * Lists policies, ordered by ref.
     *
     * @param pack   only the policies of this pack
     * @param action only the policies that apply to this action (its own, its pack's and the global ones)
     * @param limit  at most this many items, 1 to 1000
     * @param offset skip this many items
     * @return one page of policies
     */
    @Operation(operationId = "listPolicies")
    @Get
    public ListResponse<PolicyJson> list(@Nullable @QueryValue String pack, @Nullable @QueryValue String action,
                                         @QueryValue(defaultValue = "50") int limit,
                                         @QueryValue(defaultValue = "0") int offset) {
        PolicyFilter filter = new PolicyFilter(Params.optionalPackName("pack", pack),
                Params.optionalRef("action", action));
        return ListResponse.of(catalog.policies(filter, Params.page(limit, offset)), PolicyJson::of);
    }

    /**
     * Shows one policy.
     *
     * @param ref the policy's ref, {@code pack.name}
     * @return the policy
     */
    @Operation(operationId = "getPolicy")
    @Get("/{ref}")
    public PolicyJson get(@PathVariable String ref) {
        return PolicyJson.of(catalog.policy(Params.ref("ref", ref)));
    }
}
