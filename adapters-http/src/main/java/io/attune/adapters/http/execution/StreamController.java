package io.attune.adapters.http.execution;

import io.attune.adapters.http.support.Times;
import io.attune.application.port.in.StatusFeed;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/** Server-sent events of execution status changes, as they happen anywhere in the cluster. */
@Controller("/api/v1/stream")
@Tag(name = "Executions")
public final class StreamController {

    private final StatusFeed feed;

    StreamController(StatusFeed feed) {
        this.feed = feed;
    }

    /**
     * A stream of {@code execution} events: {@code {"execution", "action", "status", "at"}} (a workflow's task also with
     * {@code "parent"}, the workflow's id, and {@code "task"}, its name; a retry with {@code "retry_of"}), plus a comment every 15 s
     * to keep proxies from closing an idle stream.
     *
     * @return the event stream
     */
    @Operation(operationId = "streamStatusChanges")
    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<Object>> stream() {
        Flux<Event<Object>> changes = Flux.create(sink -> {
            AutoCloseable subscription = feed.subscribe(change -> {
                Map<String, Object> data = new java.util.LinkedHashMap<>();
                data.put("execution", change.execution());
                data.put("action", change.action());
                data.put("status", change.status());
                data.put("at", Times.iso(change.at()));
                change.parent().ifPresent(parent -> data.put("parent", parent));
                change.task().ifPresent(task -> data.put("task", task));
                change.retryOf().ifPresent(retryOf -> data.put("retry_of", retryOf));
                sink.next(Event.<Object>of(data).name("execution").id(Long.toString(change.execution())));
            });
            sink.onDispose(() -> {
                try {
                    subscription.close();
                } catch (Exception ignored) {
                    // a subscription that cannot close is dropped by the feed on its next failure
                }
            });
        });
        // the first comment goes out at once, so the client sees the response start before any change happens
        Flux<Event<Object>> keepAlive = Flux.interval(Duration.ZERO, Duration.ofSeconds(15))
                .map(i -> Event.<Object>of("").comment("keep-alive"));
        return Flux.merge(changes, keepAlive);
    }
}
