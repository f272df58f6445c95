package io.attune.adapters.http.event;

import io.attune.adapters.http.problem.Problem;
import io.attune.adapters.http.problem.ProblemException;
import io.attune.adapters.http.support.Backpressure;
import io.attune.adapters.http.support.IdempotentIntake;
import io.attune.adapters.http.support.ListResponse;
import io.attune.adapters.http.support.Params;
import io.attune.adapters.http.support.StorableValues;
import io.attune.application.port.in.EventIntake;
import io.attune.application.port.in.EventIntake.SubmitEvent;
import io.attune.application.port.in.EventQueries;
import io.attune.application.port.in.Idempotency.Claim;
import io.attune.application.port.in.IntakeLag;
import io.attune.application.port.in.EventQueries.EventFilter;
import io.attune.domain.event.Event;
import io.attune.domain.event.EventSource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.Optional;

/** REST API v1 for events: record one, list and show them, and follow one's lineage. */
@Controller("/api/v1/events")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Events")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class EventController {

    private final EventIntake intake;
    private final IntakeLag lag;
    private final EventQueries queries;
    private final IdempotentIntake once;

    EventController(EventIntake intake, EventQueries queries, IdempotentIntake once, IntakeLag lag) {
        this.intake = intake;
        this.lag = lag;
        this.queries = queries;
        this.once = once;
    }

    /**
     * Records an event of a trigger: its payload is checked against the trigger's payload schema, and the event is
     * stored before the answer, so an accepted event is never lost; the rules then match it.
     *
     * @param body the trigger ref and the payload
     * @return the event, with its location
     */
    @Operation(operationId = "recordEvent")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = false,
            description = "a retry with the same key and body within the retention (24 h) gets the first answer"
                    + " and creates nothing; another body with the same key is a 422")
    @ApiResponse(responseCode = "201", description = "recorded, with its Location",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventJson.class)))
    @Post
    public HttpResponse<String> record(HttpRequest<?> request, @Body EventRequest body) {
        Backpressure.admitEvent(lag, request); // past the backlog bound: 429 with Retry-After, nothing stored
        if (body.trigger() == null || body.trigger().isBlank()) {
            throw ProblemException.invalidInput("trigger", "the ref of the event's trigger is required");
        }
        StorableValues.refuse("payload", body.payload());
        SubmitEvent command = new SubmitEvent(body.trigger(), body.payload() == null ? Map.of() : body.payload(),
                Optional.of(EventSource.API));
        Optional<Claim> claim = once.claim(request, "events", body);
        return once.once(claim, () -> intake.submit(claim.map(command::once).orElse(command)), EventController::created,
                resource -> created(queries.event(IdempotentIntake.idOf(resource))));
    }

    private static MutableHttpResponse<EventJson> created(Event event) {
        return HttpResponse.created(EventJson.of(event),
                UriBuilder.of("/api/v1/events").path(Long.toString(event.id())).build());
    }

    /**
     * Lists events, newest first.
     *
     * @param trigger only events of this trigger ref
     * @param source  only events from this source (api, webhook:&lt;url&gt;, timer:&lt;rule&gt;, sensor:&lt;sensor&gt;)
     * @param since   only events that occurred at or after this ISO-8601 instant
     * @param until   only events that occurred before this ISO-8601 instant
     * @param limit   at most this many items, 1 to 1000
     * @param offset  skip this many items
     * @return one page of events
     */
    @Operation(operationId = "listEvents")
    @Get
    public ListResponse<EventJson> list(@Nullable @QueryValue String trigger, @Nullable @QueryValue String source,
                                        @Nullable @QueryValue String since, @Nullable @QueryValue String until,
                                        @QueryValue(defaultValue = "50") int limit,
                                        @QueryValue(defaultValue = "0") int offset) {
        EventFilter filter = new EventFilter(Params.optionalRef("trigger", trigger),
                Optional.ofNullable(source).filter(s -> !s.isBlank()),
                Params.optionalInstant("since", since), Params.optionalInstant("until", until));
        return ListResponse.of(queries.events(filter, Params.page(limit, offset)), EventJson::of);
    }

    /**
     * Shows one event.
     *
     * @param id the event's id
     * @return the event
     */
    @Operation(operationId = "getEvent")
    @Get("/{id}")
    public EventJson get(@PathVariable long id) {
        return EventJson.of(queries.event(id));
    }

    /**
     * The event's lineage: the enforcements of the rules it matched, the execution each requested (or why none), and
     * their child executions.
     *
     * @param id the event's id
     * @return the tree
     */
    @Operation(operationId = "traceEvent")
    @Get("/{id}/trace")
    public TraceJson trace(@PathVariable long id) {
        return TraceJson.of(queries.trace(id));
    }
}
