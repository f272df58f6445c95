package io.attune.domain.execution;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where an execution is in its life; the transition table is here and nowhere else. {@code PAUSING} and
 * {@code PAUSED} are a workflow's: pausing while its running tasks finish, then paused.
 */
public enum ExecutionStatus {
    REQUESTED, DELAYED, SCHEDULED, RUNNING, PENDING, PAUSING, PAUSED, CANCELING,
    SUCCEEDED, FAILED, TIMEOUT, CANCELED, ABANDONED;

    public boolean isTerminal() {
        return switch (this) {
            case SUCCEEDED, FAILED, TIMEOUT, CANCELED, ABANDONED -> true;
            case REQUESTED, DELAYED, SCHEDULED, RUNNING, PENDING, PAUSING, PAUSED, CANCELING -> false;
        };
    }

    /** Whether an execution in this status holds a policy slot (admitted and not yet finished). */
    public boolean holdsSlot() {
        return switch (this) {
            case SCHEDULED, RUNNING, PENDING, PAUSING, PAUSED, CANCELING -> true;
            case REQUESTED, DELAYED, SUCCEEDED, FAILED, TIMEOUT, CANCELED, ABANDONED -> false;
        };
    }

    /** The statuses this one may move to. */
    public Set<ExecutionStatus> successors() {
        return switch (this) {
            case REQUESTED -> EnumSet.of(DELAYED, SCHEDULED, CANCELED, FAILED);
            case DELAYED -> EnumSet.of(SCHEDULED, CANCELED, FAILED, TIMEOUT);
            case SCHEDULED -> EnumSet.of(RUNNING, CANCELING, CANCELED, FAILED, ABANDONED, TIMEOUT);
            case RUNNING -> EnumSet.of(PENDING, PAUSING, PAUSED, CANCELING, SUCCEEDED, FAILED, TIMEOUT, ABANDONED);
            case PENDING -> EnumSet.of(RUNNING, CANCELING, SUCCEEDED, CANCELED, FAILED, TIMEOUT);
            case PAUSING -> EnumSet.of(PAUSED, RUNNING, CANCELING, SUCCEEDED, FAILED, CANCELED);
            case PAUSED -> EnumSet.of(RUNNING, CANCELING, CANCELED);
            case CANCELING -> EnumSet.of(CANCELED, SUCCEEDED, FAILED, TIMEOUT, ABANDONED);
            case SUCCEEDED, FAILED, TIMEOUT, CANCELED, ABANDONED -> EnumSet.noneOf(ExecutionStatus.class);
        };
    }

    public boolean canMoveTo(ExecutionStatus next) {
        return successors().contains(next);
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ExecutionStatus> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.name().equals(c)).findFirst();
    }
}
