package io.attune.application.port.out;

import io.attune.domain.common.Ref;
import io.attune.domain.workflow.WorkflowSource;
import java.util.Optional;

/** The stored YAML of workflow actions (written with their pack through PackRepository), for the workflow engine. */
public interface WorkflowDefinitions {

    /** The source installed with the workflow action {@code action}; empty when there is no such workflow action. */
    Optional<WorkflowSource> find(Ref action);
}
