package io.attune.adapters.http.rule;

import io.attune.adapters.http.problem.Problem;
import io.attune.adapters.http.support.ListResponse;
import io.attune.adapters.http.support.Params;
import io.attune.adapters.http.support.StorableValues;
import io.attune.application.port.in.CatalogQueries;
import io.attune.application.port.in.CatalogQueries.RuleFilter;
import io.attune.application.port.in.RuleCommands;
import io.attune.application.port.in.RuleEnforcement;
import io.attune.domain.rule.Rule;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** REST API v1 for rules: list, show, create, replace, delete, enable and disable. */
@Controller("/api/v1/rules")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Rules")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "5XX", description = "the server failed: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class RuleController {

    private final CatalogQueries catalog;
    private final RuleCommands rules;
    private final RuleEnforcement enforcement;

    RuleController(CatalogQueries catalog, RuleCommands rules, RuleEnforcement enforcement) {
        this.catalog = catalog;
        this.rules = rules;
        this.enforcement = enforcement;
    }

    /**
     * Lists rules, ordered by ref.
     *
     * @param pack    only the rules of this pack
     * @param trigger only the rules of this trigger ref
     * @param action  only the rules running this action ref
     * @param enabled only enabled (true) or disabled (false) rules
     * @param limit   at most this many items, 1 to 1000
     * @param offset  skip this many items
     * @return one page of rules
     */
    @Operation(operationId = "listRules")
    @Get
    public ListResponse<RuleJson> list(@Nullable @QueryValue String pack, @Nullable @QueryValue String trigger,
                                       @Nullable @QueryValue String action, @Nullable @QueryValue String enabled,
                                       @QueryValue(defaultValue = "50") int limit,
                                       @QueryValue(defaultValue = "0") int offset) {
        RuleFilter filter = new RuleFilter(Params.optionalPackName("pack", pack), Params.optionalRef("trigger", trigger),
                Params.optionalRef("action", action), Params.optionalBoolean("enabled", enabled));
        return ListResponse.of(catalog.rules(filter, Params.page(limit, offset)), RuleJson::of);
    }

    /**
     * Shows one rule.
     *
     * @param ref the rule's ref, {@code pack.name}
     * @return the rule
     */
    @Operation(operationId = "getRule")
    @Get("/{ref}")
    public RuleJson get(@PathVariable String ref) {
        return RuleJson.of(catalog.rule(Params.ref("ref", ref)));
    }

    /**
     * Creates a rule in an installed pack, validated like a pack's rule (trigger, action, criteria, parameters).
     *
     * @param body the rule
     * @return the rule created, with its location
     */
    @Operation(operationId = "createRule")
    @ApiResponse(responseCode = "201", description = "created, with its Location",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleJson.class)))
    @Post
    public HttpResponse<RuleJson> create(@Body RuleRequest body) {
        refuseNul(body);
        Rule rule = rules.create(body.toDraft(null));
        return HttpResponse.created(RuleJson.of(rule), UriBuilder.of("/api/v1/rules").path(rule.ref().toString()).build());
    }

    /**
     * Replaces a rule's definition; the body's ref, if given, must be the path's.
     *
     * @param ref  the rule's ref
     * @param body the new definition
     * @return the rule as replaced
     */
    @Operation(operationId = "updateRule")
    @Put("/{ref}")
    public RuleJson update(@PathVariable String ref, @Body RuleRequest body) {
        refuseNul(body);
        String target = Params.ref("ref", ref).toString();
        return RuleJson.of(rules.update(target, body.toDraft(target)));
    }

    /**
     * Deletes a rule.
     *
     * @param ref the rule's ref
     */
    @Operation(operationId = "deleteRule")
    @Delete("/{ref}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String ref) {
        rules.delete(Params.ref("ref", ref).toString());
    }

    /**
     * Dry-runs a rule against a payload, creating nothing: whether its criteria match (and which one failed, and why)
     * and the action parameters its templates render, with what the action's schema says of them.
     *
     * @param ref  the rule's ref
     * @param body the trigger payload to test with
     * @return the outcome
     */
    @Operation(operationId = "testRule")
    @Post("/{ref}/test")
    public RuleTestJson test(@PathVariable String ref, @Nullable @Body RuleTestRequest body) {
        StorableValues.refuse("payload", body == null ? null : body.payload());
        return RuleTestJson.of(enforcement.test(Params.ref("ref", ref).toString(),
                body == null || body.payload() == null ? java.util.Map.of() : body.payload()));
    }

    /**
     * Enables a rule: events of its trigger are matched again.
     *
     * @param ref the rule's ref
     * @return the rule
     */
    @Operation(operationId = "enableRule")
    @Post("/{ref}/enable")
    public RuleJson enable(@PathVariable String ref) {
        return RuleJson.of(rules.setEnabled(Params.ref("ref", ref).toString(), true));
    }

    /**
     * Disables a rule: events of its trigger no longer fire it.
     *
     * @param ref the rule's ref
     * @return the rule
     */
    @Operation(operationId = "disableRule")
    @Post("/{ref}/disable")
    public RuleJson disable(@PathVariable String ref) {
        return RuleJson.of(rules.setEnabled(Params.ref("ref", ref).toString(), false));
    }

    private static void refuseNul(RuleRequest body) {
        StorableValues.refuse("description", body.description());
        StorableValues.refuse("trigger", body.trigger());
        StorableValues.refuse("criteria", body.criteria());
        StorableValues.refuse("action", body.action());
    }
}
