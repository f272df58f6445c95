package io.attune.domain.rule;

import io.attune.domain.common.Json;
import io.attune.domain.common.Ref;
import io.attune.domain.rule.criteria.Criteria;
import java.util.Map;
import java.util.Objects;

/** Joins one trigger to one action: criteria decide whether an event matches, templates map it into parameters. */
public record Rule(
        Ref ref,
        String description,
        Ref trigger,
        Map<String, Object> triggerParameters,
        Criteria criteria,
        Ref action,
        Map<String, Object> actionParameters,
        boolean enabled,
        Origin origin) {

    /** Where a rule came from: a pack's files (replaced on reinstall) or the API. */
    public enum Origin { PACK, API }

    public Rule {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(action, "action");
        description = description == null ? "" : description;
        triggerParameters = Json.copyObject(triggerParameters);
        criteria = criteria == null ? Criteria.none() : criteria;
        actionParameters = Json.copyObject(actionParameters);
        origin = origin == null ? Origin.API : origin;
    }

    public Rule withEnabled(boolean value) {
        return new Rule(ref, description, trigger, triggerParameters, criteria, action, actionParameters, value, origin);
    }
}
