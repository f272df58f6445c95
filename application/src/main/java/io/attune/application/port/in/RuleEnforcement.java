package io.attune.application.port.in;

import io.attune.domain.enforcement.Enforcement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Matches events against rules: for real (the rules consumer) and as a dry run. */
public interface RuleEnforcement {

    /**
     * Enforces every enabled rule the event matches: one enforcement per (rule, event) with, in the same transaction,
     * the execution it asks for (or the reason it could not: a template that failed, parameters the action refuses).
     * Idempotent: a rule already enforced for the event is skipped, so a redelivered message makes nothing twice.
     * Returns the enforcements written by this call; an unknown event writes nothing.
     */
    List<Enforcement> enforce(long event);

    /**
     * As {@link #enforce}, for several events in one transaction (one commit for the batch): all or nothing. A caller
     * whose batch fails should enforce each event alone, so that one event that cannot be enforced holds up no other.
     */
    List<Enforcement> enforceAll(List<Long> events);

    /**
     * Dry-runs a rule against a payload, writing nothing: whether it matches, which criterion failed and why, and the
     * rendered parameters (or the template that failed). NotFound for an unknown rule.
     */
    RuleTest test(String rule, Map<String, Object> payload);

    /** The outcome of a dry run. */
    record RuleTest(String rule, String action, boolean matched, Optional<FailedCriterion> failedCriterion,
                    Optional<Map<String, Object>> parameters, Optional<FieldError> renderError,
                    List<FieldError> parameterErrors) {
        public RuleTest {
            parameterErrors = List.copyOf(parameterErrors);
        }
    }

    /** The first criterion that did not hold. */
    record FailedCriterion(String path, String operator, Object pattern, String reason) {
    }
}
