package io.attune.adapters.http.inquiry;

import io.attune.adapters.http.problem.Problem;
import io.attune.adapters.http.problem.ProblemException;
import io.attune.adapters.http.security.Callers;
import io.attune.adapters.http.support.ListResponse;
import io.attune.adapters.http.support.Params;
import io.attune.adapters.http.support.StorableValues;
import io.attune.application.port.in.Identities.Principal;
import io.attune.application.port.in.InquiryCommands;
import io.attune.application.port.in.InquiryCommands.Respond;
import io.attune.application.port.in.InquiryQueries;
import io.attune.application.port.in.InquiryQueries.InquiryFilter;
import io.attune.domain.identity.Role;
import io.attune.domain.inquiry.InquiryStatus;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;

/** REST API v1 for inquiries (core.ask): list and show the questions executions ask, and answer them. */
@Controller("/api/v1/inquiries")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = InquiryQueries.class)
@Tag(name = "Inquiries")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class InquiryController {

    private final InquiryCommands commands;
    private final InquiryQueries queries;

    InquiryController(InquiryCommands commands, InquiryQueries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /**
     * Lists inquiries, newest first.
     *
     * @param status only inquiries in this status: pending, responded, timeout or canceled
     * @param route  only inquiries at this route
     * @param limit  at most this many items, 1 to 1000
     * @param offset skip this many items
     * @return one page of inquiries
     */
    @Operation(operationId = "listInquiries")
    @Get
    public ListResponse<InquiryJson> list(@Nullable @QueryValue String status, @Nullable @QueryValue String route,
                                          @QueryValue(defaultValue = "50") int limit,
                                          @QueryValue(defaultValue = "0") int offset) {
        InquiryFilter filter = new InquiryFilter(
                Optional.ofNullable(status).filter(s -> !s.isBlank()).map(s -> InquiryStatus.fromCode(s)
                        .orElseThrow(() -> ProblemException.invalidParameter("status", "unknown status '" + s
                                + "': use pending, responded, timeout or canceled"))),
                Optional.ofNullable(route).filter(r -> !r.isBlank()));
        return ListResponse.of(queries.list(filter, Params.page(limit, offset)), InquiryJson::of);
    }

    /**
     * Shows one inquiry: its schema, route, who may answer, ttl and expiry, the asking execution and its workflow,
     * its status and its response (secret fields masked).
     *
     * @param id the inquiry's id
     * @return the inquiry
     */
    @Operation(operationId = "getInquiry")
    @Get("/{id}")
    public InquiryJson get(@PathVariable long id) {
        return InquiryJson.of(queries.get(id));
    }

    /**
     * Answers a pending inquiry: the response must match its schema (422 naming each field, nothing stored) and the
     * caller be one of its users or hold one of its roles (403; with neither set, any operator or admin). The inquiry
     * becomes responded and its execution succeeded with the response as its result; 409 once it is answered, timed
     * out or canceled.
     *
     * @param id   the inquiry's id
     * @param body {@code {"response": {...}}}
     * @return the answered inquiry
     */
    @Operation(operationId = "respondToInquiry")
    @Post("/{id}/respond")
    public InquiryJson respond(HttpRequest<?> request, @PathVariable long id, @Body RespondRequest body) {
        if (body == null || body.response() == null) {
            throw ProblemException.invalidInput("response", "the answer is required: {\"response\": {...}}");
        }
        StorableValues.refuse("response", body.response());
        return InquiryJson.of(commands.respond(new Respond(id, body.response(), responder(request))));
    }

    /** Who answers: the proven caller; with security off, an anonymous admin (as every caller then is). */
    private static Principal responder(HttpRequest<?> request) {
        return Callers.authentication(request).isPresent() ? Callers.of(request)
                : new Principal("anonymous", Role.ADMIN);
    }
}
