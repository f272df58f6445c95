package io.attune.adapters.http.execution;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.application.port.in.ExecutionQueries.QueueStats;
import io.swagger.v3.oas.annotations.media.Schema;

/** One policy key's queue as the API shows it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "QueueStats")
public record QueueStatsJson(String policy, @Schema(description = "'' for the whole action, else the attribute values") String key,
                             @Schema(nullable = true) Integer limit, int active, int queued,
                             @JsonProperty("oldest_queued_age_ms") @Schema(name = "oldest_queued_age_ms", nullable = true) Long oldestQueuedAgeMs,
                             @JsonProperty("total_admitted") long totalAdmitted, @JsonProperty("total_queued") long totalQueued,
                             @JsonProperty("total_canceled") long totalCanceled, @JsonProperty("total_rejected") long totalRejected,
                             @JsonProperty("total_released") long totalReleased,
                             @JsonProperty("max_queue") @Schema(name = "max_queue", nullable = true) Integer maxQueue,
                             @JsonProperty("queue_timeout_seconds") @Schema(name = "queue_timeout_seconds", nullable = true)
                             Long queueTimeoutSeconds,
                             @JsonProperty("total_overflowed") long totalOverflowed,
                             @JsonProperty("total_timed_out") long totalTimedOut) {

    static QueueStatsJson of(QueueStats s) {
        return new QueueStatsJson(s.policy(), s.key(), s.limit().isPresent() ? s.limit().getAsInt() : null, s.active(),
                s.queued(), s.oldestQueuedAge().map(d -> d.toMillis()).orElse(null), s.totalAdmitted(), s.totalQueued(),
                s.totalCanceled(), s.totalRejected(), s.totalReleased(),
                s.maxQueue().isPresent() ? s.maxQueue().getAsInt() : null,
                s.queueTimeout().map(d -> d.toSeconds()).orElse(null), s.totalOverflowed(), s.totalTimedOut());
    }
}
