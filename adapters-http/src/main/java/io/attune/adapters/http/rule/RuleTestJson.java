package io.attune.adapters.http.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.RuleEnforcement.RuleTest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** What a rule would do with a payload: whether it matches, the criterion that failed, the rendered parameters. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "RuleTest")
public record RuleTestJson(
        String rule,
        String action,
        boolean matched,
        @JsonProperty("failed_criterion") @Schema(name = "failed_criterion", nullable = true) FailedCriterionJson failedCriterion,
        @Schema(nullable = true, description = "the action parameters the rule would request") Map<String, Object> parameters,
        @JsonProperty("render_error") @Schema(name = "render_error", nullable = true) ErrorJson renderError,
        @JsonProperty("parameter_errors") @Schema(name = "parameter_errors",
                description = "what the action's parameter schema says of the rendered parameters") List<ErrorJson> parameterErrors) {

    static RuleTestJson of(RuleTest t) {
        return new RuleTestJson(t.rule(), t.action(), t.matched(),
                t.failedCriterion().map(c -> new FailedCriterionJson(c.path(), c.operator(), c.pattern(), c.reason())).orElse(null),
                t.parameters().orElse(null), t.renderError().map(ErrorJson::of).orElse(null),
                t.parameterErrors().stream().map(ErrorJson::of).toList());
    }

    /** The first criterion that did not hold. */
    @Schema(name = "FailedCriterion")
    public record FailedCriterionJson(String path, String operator, @Schema(nullable = true) Object pattern, String reason) {
    }

    /** A field and what is wrong with it. */
    @Schema(name = "RuleTestError")
    public record ErrorJson(String field, String message) {
        static ErrorJson of(FieldError e) {
            return new ErrorJson(e.field(), e.message());
        }
    }
}
