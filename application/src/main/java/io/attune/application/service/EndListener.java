package io.attune.application.service;

import io.attune.domain.execution.Execution;

/**
 * Told that an execution ended, inside the transaction that wrote its end (so what it writes commits or rolls back
 * with the end). Whatever waits for an end (a parent workflow, an inquiry, a retry) attaches here.
 */
@FunctionalInterface
public interface EndListener {

    /**
     * {@code ended} has just reached its terminal status; messages appended to the outbox go in {@code pending},
     * published after the commit. A RuntimeException rolls the end back.
     */
    void onEnded(Execution ended, Dispatch.Pending pending);
}
