package io.attune.adapters.http.deadletter;

import io.attune.adapters.http.problem.Problem;
import io.attune.adapters.http.security.Callers;
import io.attune.adapters.http.support.ListResponse;
import io.attune.adapters.http.support.Params;
import io.attune.application.port.in.DeadLetters;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
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

/** REST API v1 for dead letters: the messages consumers gave up on (admins). */
@Controller("/api/v1/dead-letters")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Dead letters")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class DeadLetterController {

    private final DeadLetters letters;

    DeadLetterController(DeadLetters letters) {
        this.letters = letters;
    }

    /**
     * Lists the messages consumers gave up on (after their retries, or at once when unreadable), newest first.
     *
     * @param limit  page size (1–1000)
     * @param offset rows to skip
     * @return one page of dead letters
     */
    @Operation(operationId = "listDeadLetters")
    @Get
    public ListResponse<DeadLetterJson> list(@QueryValue(defaultValue = "50") int limit,
                                             @QueryValue(defaultValue = "0") int offset) {
        return ListResponse.of(letters.list(Params.page(limit, offset)), DeadLetterJson::of);
    }

    /**
     * Puts a dead letter's message back on the queue it failed on, with its attempts counted from zero again, and
     * marks it replayed (recorded in the audit trail). 404 when there is no such dead letter; 409 when the broker did
     * not take it (nothing is marked).
     *
     * @param id the dead letter
     * @return the dead letter, marked replayed
     */
    @Operation(operationId = "replayDeadLetter")
    @Post("/{id}/replay")
    public DeadLetterJson replay(@PathVariable long id, HttpRequest<?> request) {
        return DeadLetterJson.of(letters.replay(id, Callers.of(request).name()));
    }
}
