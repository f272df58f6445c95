package io.attune.application.port.out;

import io.attune.domain.common.Ref;
import java.util.Objects;
import java.util.Optional;

/** The stored YAML of workflow actions, as their packs were installed. */
public interface WorkflowDefinitions {

    /** The workflow file of action {@code action}; empty when the action has none (not a workflow, or unknown). */
    Optional<WorkflowSource> find(Ref action);

    /** A workflow's file (its path in the pack) and its text. */
    record WorkflowSource(String file, String text) {
        public WorkflowSource {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(text, "text");
        }
    }
}
