package io.attune.adapters.http.audit;

import io.attune.adapters.http.problem.Problem;
import io.attune.adapters.http.problem.ProblemException;
import io.attune.adapters.http.support.ListResponse;
import io.attune.adapters.http.support.Params;
import io.attune.application.port.in.AuditTrail;
import io.attune.application.port.in.AuditTrail.AuditFilter;
import io.attune.domain.audit.AuditEntry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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

/** REST API v1 for the audit trail. */
@Controller("/api/v1/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Audit")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class AuditController {

    private final AuditTrail audit;

    AuditController(AuditTrail audit) {
        this.audit = audit;
    }

    /**
     * Lists what was done, newest first: logins, pack installs, rule and key changes, secret reads, executions run and
     * canceled, and every denied request.
     *
     * @param actor   only entries of this user or API key
     * @param action  only entries of this action, e.g. execution.run, key.write, auth.login
     * @param outcome only entries with this outcome: succeeded, failed or denied
     * @param since   only entries at or after this ISO-8601 instant
     * @param until   only entries before this ISO-8601 instant
     * @param limit   at most this many items, 1 to 1000
     * @param offset  skip this many items
     * @return one page of entries
     */
    @Operation(operationId = "listAudit")
    @Get
    public ListResponse<AuditEntryJson> list(@Nullable @QueryValue String actor, @Nullable @QueryValue String action,
                                             @Nullable @QueryValue String outcome, @Nullable @QueryValue String since,
                                             @Nullable @QueryValue String until,
                                             @QueryValue(defaultValue = "50") int limit,
                                             @QueryValue(defaultValue = "0") int offset) {
        AuditFilter filter = new AuditFilter(present(actor), present(action), outcome(outcome),
                Params.optionalInstant("since", since), Params.optionalInstant("until", until));
        return ListResponse.of(audit.list(filter, Params.page(limit, offset)), AuditEntryJson::of);
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank()).map(String::trim);
    }

    private static Optional<AuditEntry.Outcome> outcome(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(AuditEntry.Outcome.values()).filter(o -> o.name().equalsIgnoreCase(value.trim()))
                .findFirst().orElseThrow(() -> ProblemException.invalidParameter("outcome",
                        "unknown outcome '" + value + "': expected succeeded, failed or denied")));
    }
}
