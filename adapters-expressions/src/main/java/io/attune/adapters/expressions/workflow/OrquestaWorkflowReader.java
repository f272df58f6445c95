package io.attune.adapters.expressions.workflow;

import io.attune.adapters.expressions.pack.SafeYaml;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.out.WorkflowReader;
import io.attune.domain.workflow.WorkflowValidator;
import io.attune.domain.workflow.expr.Expressions;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads Orquesta workflows (native DSL 1.0, StackStorm's {@code orquesta} runner) from YAML: the form of every field,
 * strictly, then every static check of {@link WorkflowValidator} but the actions (the caller knows which exist). The
 * YAML is read safely, under the limits of pack files.
 *
 * <p>When a field's form is wrong, the undefined-variable check is left out (a publish that could not be read would
 * make every variable it defines look undefined), and a field whose form is wrong gets no second message.
 */
@Singleton
public final class OrquestaWorkflowReader implements WorkflowReader {

    private final Expressions expressions;
    private final WorkflowValidator validator;

    public OrquestaWorkflowReader(Expressions expressions) {
        this.expressions = Objects.requireNonNull(expressions, "expressions");
        this.validator = new WorkflowValidator(expressions);
    }

    @Override
    public Read read(String yamlText, String file) {
        return read(yamlText, file, validator);
    }

    @Override
    public Read read(String yamlText, String file, java.util.function.Predicate<String> actionExists) {
        return read(yamlText, file, new WorkflowValidator(expressions, Objects.requireNonNull(actionExists, "actionExists")));
    }

    private Read read(String yamlText, String file, WorkflowValidator validator) {
        Objects.requireNonNull(yamlText, "yamlText");
        Problems problems = new Problems(file);
        Optional<Map<String, Object>> document = SafeYaml.readMap(yamlText, problems::add);
        if (document.isEmpty()) {
            return new Read.Invalid(problems.errors());
        }
        WorkflowValidator.Draft draft = WorkflowYaml.read(document.get(), problems);
        boolean formIsRight = problems.count() == 0;
        List<FieldError> errors = new ArrayList<>(problems.errors());
        return switch (validator.validate(draft)) {
            case WorkflowValidator.Outcome.Valid valid when formIsRight -> new Read.Valid(valid.definition());
            case WorkflowValidator.Outcome.Valid valid -> new Read.Invalid(errors);
            case WorkflowValidator.Outcome.Invalid invalid -> {
                Set<String> formProblems = errors.stream().map(FieldError::field).collect(Collectors.toSet());
                invalid.problems().stream()
                        .filter(p -> formIsRight || p.kind() != WorkflowValidator.Kind.UNDEFINED_VARIABLE)
                        .filter(p -> !formProblems.contains(p.path()))
                        .forEach(p -> errors.add(FieldError.inFile(file, p.path(), p.message())));
                yield new Read.Invalid(errors);
            }
        };
    }
}
