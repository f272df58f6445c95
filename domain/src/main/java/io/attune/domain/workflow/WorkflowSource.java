package io.attune.domain.workflow;

import java.util.Objects;

/**
 * A workflow's YAML as a pack holds it: the file it was read from (relative to the pack, e.g.
 * {@code actions/workflows/deploy.yaml}) and its text, stored with the workflow action so that the engine reads
 * exactly what was validated at install time.
 */
public record WorkflowSource(String file, String text) {

    public WorkflowSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
        if (file.isBlank()) {
            throw new IllegalArgumentException("a workflow source needs the file it came from");
        }
    }
}
