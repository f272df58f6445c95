package io.attune.adapters.expressions.pack;

import io.attune.domain.execution.ExecutionStatus;
import io.attune.domain.execution.RetrySpec;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code retry: {on: [failed, timeout, abandoned], count, delay, backoff, max_delay}} map (delays in seconds),
 * naming each bad field. Only {@code count} is required; {@code on} defaults to [failed], backoff to constant.
 */
final class RetryParser {

    static final String FIELD = "retry";

    private RetryParser() {
    }

    /** The retry of the file's {@code retry} key; empty when it has none or it has problems (recorded). */
    static Optional<RetrySpec> read(Fields fields) {
        if (!fields.has(FIELD)) {
            return Optional.empty();
        }
        return fields.object(FIELD).flatMap(RetryParser::retry);
    }

    private static Optional<RetrySpec> retry(Fields retry) {
        int before = retry.problems().count();
        Set<ExecutionStatus> on = EnumSet.noneOf(ExecutionStatus.class);
        // YAML 1.1 reads an unquoted key `on` as the boolean true (the reader keeps keys as text: "true")
        String onKey = retry.has("on") || !retry.has("true") ? "on" : "true";
        List<String> codes = retry.texts(onKey).orElse(List.of());
        for (int i = 0; i < codes.size(); i++) {
            Optional<ExecutionStatus> status = RetrySpec.retryableFromCode(codes.get(i));
            if (status.isEmpty()) {
                retry.problems().add(retry.field("on") + "[" + i + "]", "unknown retry status '" + codes.get(i)
                        + "': use failed, timeout or abandoned");
            }
            status.ifPresent(on::add);
        }
        Optional<Integer> count = retry.integer("count");
        if (!retry.has("count")) {
            retry.missing("count", "2 (retries after the first attempt)");
        }
        count.filter(c -> c < 1).ifPresent(c -> retry.problem("count", "must be at least 1, got " + c));
        Optional<Integer> delay = retry.integer("delay");
        delay.filter(d -> d < 0).ifPresent(d -> retry.problem("delay", "must be 0 or more seconds, got " + d));
        Optional<Integer> maxDelay = retry.integer("max_delay");
        maxDelay.filter(d -> d < 0).ifPresent(d -> retry.problem("max_delay", "must be 0 or more seconds, got " + d));
        Optional<RetrySpec.Backoff> backoff = retry.text("backoff").flatMap(code -> {
            Optional<RetrySpec.Backoff> known = RetrySpec.Backoff.fromCode(code);
            if (known.isEmpty()) {
                retry.problem("backoff", "unknown backoff '" + code + "': use constant, linear or exponential");
            }
            return known;
        });
        if (count.isEmpty() || retry.problems().count() > before) {
            return Optional.empty();
        }
        return DomainErrors.build(retry.problems(), () -> new RetrySpec(on, count.get(),
                Duration.ofSeconds(delay.orElse(0)), backoff.orElse(null), maxDelay.map(Duration::ofSeconds)),
                retry.field("count"));
    }
}
