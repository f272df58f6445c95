package io.attune.adapters.postgres;

import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.execution.RetrySpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Converts a retry to and from the JSON object in {@code actions.retry} and {@code policies.retry} (see V27). */
final class RetryColumns {

    private RetryColumns() {
    }

    static String write(Optional<RetrySpec> retry) {
        return retry.map(r -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("on", r.on().stream().map(ExecutionStatus::code).sorted().toList());
            json.put("count", r.count());
            json.put("delay_seconds", r.delay().toSeconds());
            json.put("backoff", r.backoff().name().toLowerCase(Locale.ROOT));
            r.maxDelay().ifPresent(m -> json.put("max_delay_seconds", m.toSeconds()));
            return JsonColumns.write(json);
        }).orElse(null);
    }

    static Optional<RetrySpec> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Map<String, Object> json = JsonColumns.readObject(text);
        List<String> on = JsonColumns.strings(json.get("on"), "retry.on");
        return Optional.of(new RetrySpec(
                on.stream().map(code -> Codes.decode(RetrySpec::retryableFromCode, "retry status", code))
                        .collect(Collectors.toSet()),
                JsonColumns.integer(json.get("count"), "retry.count"),
                Duration.ofSeconds(JsonColumns.integer(json.get("delay_seconds"), "retry.delay_seconds")),
                Codes.decode(RetrySpec.Backoff::fromCode, "retry backoff", (String) json.get("backoff")),
                Optional.ofNullable(json.get("max_delay_seconds"))
                        .map(m -> Duration.ofSeconds(JsonColumns.integer(m, "retry.max_delay_seconds")))));
    }
}
