package io.attune.domain.audit;

import io.attune.domain.common.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One thing someone did, or tried to do: who ({@code actor}, a user or API key name, or {@code anonymous}), when,
 * what ({@code action}, e.g. {@code execution.run}), on what ({@code target}, e.g. {@code /api/v1/executions}), with
 * which outcome ({@code succeeded}, {@code failed} or {@code denied}). {@code details} never holds request bodies or
 * secret values.
 */
public record AuditEntry(long id, Instant at, String actor, String action, String target, Outcome outcome,
                         Map<String, Object> details) {

    /** How the attempt ended. */
    public enum Outcome { SUCCEEDED, FAILED, DENIED }

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
        actor = actor == null || actor.isBlank() ? "anonymous" : actor;
        action = Objects.requireNonNull(action, "action");
        target = target == null ? "" : target;
        details = Json.copyObject(details);
    }

    /** The same entry with the id storage gave it. */
    public AuditEntry withId(long newId) {
        return new AuditEntry(newId, at, actor, action, target, outcome, details);
    }
}
