package io.attune.adapters.http.event;

import io.attune.adapters.http.problem.Problem;
import io.attune.adapters.http.problem.ProblemException;
import io.attune.adapters.http.support.ListResponse;
import io.attune.adapters.http.support.Params;
import io.attune.application.port.in.EventQueries;
import io.attune.application.port.in.EventQueries.EnforcementFilter;
import io.attune.domain.enforcement.Enforcement;
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
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/** REST API v1 for enforcements: which rule matched which event, and what came of it. */
@Controller("/api/v1/enforcements")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Events")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class EnforcementController {

    private final EventQueries queries;

    EnforcementController(EventQueries queries) {
        this.queries = queries;
    }

    /**
     * Lists enforcements, newest first.
     *
     * @param rule   only enforcements of this rule ref
     * @param event  only enforcements of this event
     * @param status only enforcements in this status: created, succeeded or failed
     * @param since  only enforcements created at or after this ISO-8601 instant
     * @param until  only enforcements created before this ISO-8601 instant
     * @param limit  at most this many items, 1 to 1000
     * @param offset skip this many items
     * @return one page of enforcements
     */
    @Operation(operationId = "listEnforcements")
    @Get
    public ListResponse<EnforcementJson> list(@Nullable @QueryValue String rule, @Nullable @QueryValue Long event,
                                              @Nullable @QueryValue String status, @Nullable @QueryValue String since,
                                              @Nullable @QueryValue String until,
                                              @QueryValue(defaultValue = "50") int limit,
                                              @QueryValue(defaultValue = "0") int offset) {
        EnforcementFilter filter = new EnforcementFilter(Params.optionalRef("rule", rule),
                event == null ? OptionalLong.empty() : OptionalLong.of(event), status(status),
                Params.optionalInstant("since", since), Params.optionalInstant("until", until));
        return ListResponse.of(queries.enforcements(filter, Params.page(limit, offset)), EnforcementJson::of);
    }

    /**
     * Shows one enforcement.
     *
     * @param id the enforcement's id
     * @return the enforcement
     */
    @Operation(operationId = "getEnforcement")
    @Get("/{id}")
    public EnforcementJson get(@PathVariable long id) {
        return EnforcementJson.of(queries.enforcement(id));
    }

    private static Optional<Enforcement.Status> status(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(Enforcement.Status.values())
                .filter(s -> s.name().equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> ProblemException.invalidParameter("status",
                        "unknown status '" + value + "': expected created, succeeded or failed")));
    }
}
