package io.attune.application.port.out;

import io.attune.application.port.in.FieldError;
import io.attune.domain.workflow.WorkflowDefinition;
import java.util.List;

/** Reads an Orquesta workflow definition (native DSL 1.0) from its YAML text. */
public interface WorkflowReader {

    /** The definition, or every static problem found, each naming its field. Never throws on bad input. */
    Read read(String text);

    /** What reading a workflow came to. */
    sealed interface Read {

        /** The text is a workflow the engine can run. */
        record Valid(WorkflowDefinition definition) implements Read {
        }

        /** The text is not a valid workflow: every problem, each naming its field. */
        record Invalid(List<FieldError> errors) implements Read {
            public Invalid {
                errors = List.copyOf(errors);
            }
        }
    }
}
