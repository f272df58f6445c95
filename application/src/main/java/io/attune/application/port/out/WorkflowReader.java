package io.attune.application.port.out;

import io.attune.application.port.in.FieldError;
import io.attune.domain.workflow.WorkflowDefinition;
import java.util.List;

/** Reads an Orquesta workflow's YAML text into its definition, or every problem found with the path of the field. */
public interface WorkflowReader {

    /** The outcome of a read: the definition, or every problem (each naming the file and the field's path). */
    sealed interface Read permits Read.Valid, Read.Invalid {
        /** The workflow parsed and passed every static check (actions aside: the caller checks those). */
        record Valid(WorkflowDefinition definition) implements Read {
        }

        /** At least one problem, e.g. {@code actions/workflows/deploy.yaml: tasks.build.next[0].do: ...}. */
        record Invalid(List<FieldError> errors) implements Read {
            public Invalid {
                errors = List.copyOf(errors);
                if (errors.isEmpty()) {
                    throw new IllegalArgumentException("an invalid workflow has at least one error");
                }
            }
        }
    }

    /**
     * Parses and checks {@code yamlText} (syntax, Orquesta's fields, graph, expressions, undefined variables); every
     * error names {@code file} (may be null for text that came from no file) and the field's path. Never throws for bad
     * input.
     */
    Read read(String yamlText, String file);

    /**
     * As {@link #read(String, String)}, also reporting each action a task names that {@code actionExists} denies, even
     * when the workflow has other problems. This default checks the actions of a valid workflow only; the YAML reader
     * checks them in every case.
     */
    default Read read(String yamlText, String file, java.util.function.Predicate<String> actionExists) {
        Read read = read(yamlText, file);
        if (read instanceof Read.Valid valid) {
            List<FieldError> unknown = valid.definition().tasks().values().stream()
                    .filter(t -> t.action().isPresent() && !actionExists.test(t.action().get()))
                    .map(t -> FieldError.inFile(file, "tasks." + t.name() + ".action",
                            "action '" + t.action().get() + "' does not exist"))
                    .toList();
            return unknown.isEmpty() ? read : new Read.Invalid(unknown);
        }
        return read;
    }
}
