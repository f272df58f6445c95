package io.attune.adapters.http.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.execution.RetrySpec;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Locale;

/** An action's or a policy's retry as the API shows it; delays in seconds. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Retry")
public record RetryJson(@Schema(example = "[\"failed\"]") List<String> on, int count,
                        @JsonProperty("delay") long delaySeconds, @Schema(example = "constant") String backoff,
                        @JsonProperty("max_delay") @Schema(name = "max_delay", nullable = true) Long maxDelaySeconds) {

    static RetryJson of(RetrySpec retry) {
        return new RetryJson(retry.on().stream().map(ExecutionStatus::code).sorted().toList(), retry.count(),
                retry.delay().toSeconds(), retry.backoff().name().toLowerCase(Locale.ROOT),
                retry.maxDelay().map(d -> d.toSeconds()).orElse(null));
    }
}
