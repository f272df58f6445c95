package io.attune.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** One execution as the API shows it, reduced to what the load driver measures: id, status and its four times. */
record ExecutionRecord(long id, String status, Instant created, Instant scheduled, Instant started,
                       Instant finished, Long enforcement) {

    static final Set<String> TERMINAL = Set.of("succeeded", "failed", "timeout", "canceled", "abandoned");

    static ExecutionRecord of(JsonNode json) {
        return new ExecutionRecord(json.path("id").asLong(), json.path("status").asText(),
                time(json, "created_at"), time(json, "scheduled_at"), time(json, "started_at"),
                time(json, "finished_at"), json.path("enforcement").isNumber() ? json.path("enforcement").asLong() : null);
    }

    boolean isTerminal() {
        return TERMINAL.contains(status);
    }

    /** From creation (the POST) to the terminal status: the pipeline's own latency, without the HTTP round trip. */
    Optional<Duration> total() {
        return between(created, finished);
    }

    /** From creation to admission (scheduled): admission consumer and policy queue. */
    Optional<Duration> admission() {
        return between(created, scheduled);
    }

    /** From admission to the worker's start: dispatch through the broker. */
    Optional<Duration> dispatch() {
        return between(scheduled, started);
    }

    /** From start to finish: running the action and writing the result. */
    Optional<Duration> run() {
        return between(started, finished);
    }

    private static Optional<Duration> between(Instant from, Instant to) {
        return from == null || to == null ? Optional.empty() : Optional.of(Duration.between(from, to));
    }

    private static Instant time(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : Instant.parse(value.asText());
    }
}
