package io.attune.adapters.http.workflow;

import io.attune.adapters.http.problem.Problem.FieldProblem;
import io.attune.application.port.in.WorkflowDesign;
import io.micronaut.core.annotation.Introspected;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A workflow's validation: valid, or every error with its file (when known), field path and message. */
@Introspected
@Schema(name = "WorkflowValidation")
public record ValidationJson(boolean valid, List<FieldProblem> errors) {

    static ValidationJson of(WorkflowDesign.Validation validation) {
        return new ValidationJson(validation.valid(), validation.errors().stream()
                .map(e -> new FieldProblem(e.file().orElse(null), e.field(), e.message())).toList());
    }
}
