package io.attune.application.port.in;

import io.attune.domain.rule.Rule;
import java.util.Map;

/** Creates, changes and removes rules through the API; every change is validated like a pack's rule. */
public interface RuleCommands {

    /** Creates a rule; Conflict if the ref exists, Invalid naming the field otherwise. */
    Rule create(RuleDraft draft);

    /** Replaces a rule's definition; the ref in the draft must equal {@code ref}. NotFound if absent. */
    Rule update(String ref, RuleDraft draft);

    /** Removes a rule. NotFound if absent. */
    void delete(String ref);

    /** Enables or disables a rule. NotFound if absent. */
    Rule setEnabled(String ref, boolean enabled);

    /** A rule as a client sends it: plain values, validated by the service. */
    record RuleDraft(String ref, String description, String trigger, Map<String, Object> triggerParameters,
                     Map<String, Object> criteria, String action, Map<String, Object> actionParameters, Boolean enabled) {
    }
}
