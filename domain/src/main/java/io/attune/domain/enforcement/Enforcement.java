package io.attune.domain.enforcement;

import io.attune.domain.common.Json;
import io.attune.domain.common.Ref;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** The record of one rule matching one event: what it rendered and the execution it caused, or why it failed. */
public record Enforcement(long id, Ref rule, long event, Status status, Map<String, Object> renderedParameters,
                          OptionalLong execution, Optional<String> failure, Instant createdAt) {

    /** The outcome of an enforcement. */
    public enum Status { CREATED, SUCCEEDED, FAILED }

    public Enforcement {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        renderedParameters = Json.copyObject(renderedParameters);
        execution = execution == null ? OptionalLong.empty() : execution;
        failure = failure == null ? Optional.empty() : failure;
    }
}
