package io.attune.domain.workflow;

import java.util.Locale;
import java.util.Optional;

/** Where a workflow is in its life, as its engine state says (Orquesta's statuses; resuming is never left standing). */
public enum WorkflowStatus {
    RUNNING, PAUSING, PAUSED, CANCELING, CANCELED, SUCCEEDED, FAILED;

    public boolean isTerminal() {
        return this == CANCELED || this == SUCCEEDED || this == FAILED;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<WorkflowStatus> fromCode(String code) {
        try {
            return Optional.of(valueOf(code.trim().toUpperCase(Locale.ROOT)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
