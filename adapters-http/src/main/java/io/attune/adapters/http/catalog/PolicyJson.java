package io.attune.adapters.http.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.domain.policy.Policy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A policy as the API shows it; {@code concurrency}, {@code rate_limit} and {@code retry} are null when it has none. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Policy")
public record PolicyJson(
        String ref,
        String pack,
        String name,
        String description,
        @Schema(description = "{\"action\": ref}, {\"pack\": name} or {\"global\": true}") Map<String, Object> target,
        @Schema(nullable = true) ConcurrencyJson concurrency,
        @JsonProperty("rate_limit") @Schema(name = "rate_limit", nullable = true) RateLimitJson rateLimit,
        boolean enabled,
        @Schema(nullable = true, description = "the retry of the actions it covers that have none") RetryJson retry) {

    /**
     * At most {@code limit} at once per combination of {@code attributes}; over it, delay (FIFO) or cancel; at most
     * {@code max_queue} waiting, each for at most {@code queue_timeout} seconds; a full queue cancels or rejects.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Concurrency")
    public record ConcurrencyJson(int limit, @Schema(example = "delay") String behavior, List<String> attributes,
                                  @JsonProperty("max_queue") @Schema(name = "max_queue") int maxQueue,
                                  @JsonProperty("queue_timeout") @Schema(name = "queue_timeout", nullable = true)
                                  Long queueTimeoutSeconds,
                                  @Schema(example = "cancel") String overflow) {
    }

    /** At most {@code max} admitted per {@code window_seconds}; over it, delay or reject. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "RateLimit")
    public record RateLimitJson(int max, @JsonProperty("window_seconds") int windowSeconds,
                                @Schema(example = "delay") String behavior) {
    }

    static PolicyJson of(Policy policy) {
        return new PolicyJson(policy.ref().toString(), policy.ref().pack(), policy.ref().name(), policy.description(),
                target(policy.target()),
                policy.concurrency().map(c -> new ConcurrencyJson(c.limit(), lower(c.behavior()), c.attributes(),
                                c.maxQueue(), c.queueTimeout().map(t -> t.toSeconds()).orElse(null), lower(c.overflow())))
                        .orElse(null),
                policy.rateLimit().map(r -> new RateLimitJson(r.max(), r.windowSeconds(), lower(r.behavior())))
                        .orElse(null),
                policy.enabled(), policy.retry().map(RetryJson::of).orElse(null));
    }

    private static Map<String, Object> target(Policy.Target target) {
        return switch (target) {
            case Policy.ActionTarget t -> Map.of("action", t.action().toString());
            case Policy.PackTarget t -> Map.of("pack", t.pack());
            case Policy.GlobalTarget t -> Map.of("global", true);
        };
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
