package io.attune.domain.workflow;

import java.util.Locale;

/** Where one run of a task is: waiting for its delay or retry timer, running, or ended. */
public enum TaskStatus {
    DELAYED, RUNNING, SUCCEEDED, FAILED, CANCELED;

    public boolean isEnded() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskStatus fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
