package io.attune.adapters.http.lag;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.adapters.http.support.Times;
import io.attune.application.port.in.IntakeLag;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.util.List;

/** The lag as the API shows it: what waits at each stage, the broker's queues, the totals and the intake bounds. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Lag")
public record LagJson(
        @JsonProperty("sampled_at") @Schema(name = "sampled_at", nullable = true,
                description = "when the figures were sampled (about once a second); null before the first sample")
        String sampledAt,
        @Schema(description = "events the rules stage has not handled yet") WaitingJson events,
        @Schema(description = "outbox messages the broker has not confirmed yet") WaitingJson outbox,
        @JsonProperty("executions_waiting") @Schema(name = "executions_waiting",
                description = "dispatched executions no worker has taken yet (the work queues' ready messages)")
        long executionsWaiting,
        @Schema(description = "the broker's shared queues; empty while the broker is away") List<QueueJson> queues,
        @Schema(description = "rows ever stored, for rates: events, enforcements, executions") TotalsJson totals,
        @Schema(description = "the backpressure bounds and whether intake refuses work now") IntakeJson intake) {

    static LagJson of(IntakeLag.Lag lag) {
        return new LagJson(lag.sampledAt().map(Times::iso).orElse(null), WaitingJson.of(lag.events()),
                WaitingJson.of(lag.outbox()), lag.executionsWaiting(),
                lag.queues().stream().map(q -> new QueueJson(q.name(), q.kind(), q.messages(), q.consumers())).toList(),
                new TotalsJson(lag.eventsTotal(), lag.enforcementsTotal(), lag.executionsTotal()),
                new IntakeJson(lag.maxBacklog(), lag.maxAge().map(Duration::toString).orElse(null),
                        lag.refusingEvents().orElse(null), lag.refusingExecutions().orElse(null), lag.refusedEvents(),
                        lag.refusedExecutions()));
    }

    /** What waits at one stage. */
    @Schema(name = "LagWaiting")
    public record WaitingJson(
            @Schema(description = "items waiting (counted up to a cap)") long count,
            @Schema(description = "true when the count hit its cap: at least that many wait") boolean capped,
            @Schema(nullable = true, description = "when the oldest waiting item was stored") String oldest,
            @JsonProperty("oldest_age_ms") @Schema(name = "oldest_age_ms", nullable = true) Long oldestAgeMs) {
        static WaitingJson of(IntakeLag.Waiting w) {
            return new WaitingJson(w.count(), w.capped(), w.oldest().map(Times::iso).orElse(null),
                    w.oldestAge().map(Duration::toMillis).orElse(null));
        }
    }

    /** One broker queue. */
    @Schema(name = "LagQueue")
    public record QueueJson(String name, @Schema(allowableValues = {"rules", "work", "dead_letter"}) String kind,
                            @Schema(description = "messages ready (not yet handed to a consumer)") long messages,
                            int consumers) {
    }

    /** Rows ever stored (from the database's sequences). */
    @Schema(name = "LagTotals")
    public record TotalsJson(long events, long enforcements, long executions) {
    }

    /** The backpressure bounds and the refusals. */
    @Schema(name = "LagIntake")
    public record IntakeJson(
            @JsonProperty("max_backlog") @Schema(name = "max_backlog", description = "0: no bound") long maxBacklog,
            @JsonProperty("max_lag") @Schema(name = "max_lag", nullable = true, example = "PT1M") String maxLag,
            @JsonProperty("refusing_events") @Schema(name = "refusing_events", nullable = true,
                    description = "why webhooks and POST /events answer 429 now; null when they accept")
            String refusingEvents,
            @JsonProperty("refusing_executions") @Schema(name = "refusing_executions", nullable = true,
                    description = "why POST /executions answers 429 now; null when it accepts")
            String refusingExecutions,
            @JsonProperty("refused_events") @Schema(name = "refused_events") long refusedEvents,
            @JsonProperty("refused_executions") @Schema(name = "refused_executions") long refusedExecutions) {
    }
}
