package io.attune.adapters.http.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.attune.domain.rule.Rule;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Locale;
import java.util.Map;

/** A rule as the API shows it: criteria in the StackStorm map form, origin {@code pack} or {@code api}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Rule")
public record RuleJson(
        String ref,
        String pack,
        String name,
        String description,
        TriggerJson trigger,
        @Schema(description = "per payload path, {type, pattern}", example = "{\"trigger.severity\": {\"type\": \"equals\", \"pattern\": \"critical\"}}")
        Map<String, Object> criteria,
        ActionJson action,
        boolean enabled,
        @Schema(example = "api") String origin) {

    /** The trigger a rule listens to, with the parameters it gives it (a timer's interval, a webhook's url). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "RuleTrigger")
    public record TriggerJson(String type, Map<String, Object> parameters) {
    }

    /** The action a rule runs, with its parameter templates. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "RuleAction")
    public record ActionJson(String ref, Map<String, Object> parameters) {
    }

    static RuleJson of(Rule rule) {
        return new RuleJson(rule.ref().toString(), rule.ref().pack(), rule.ref().name(), rule.description(),
                new TriggerJson(rule.trigger().toString(), rule.triggerParameters()),
                rule.criteria().toMap(),
                new ActionJson(rule.action().toString(), rule.actionParameters()),
                rule.enabled(), rule.origin().name().toLowerCase(Locale.ROOT));
    }
}
