package io.attune.application.service;

import io.attune.domain.execution.Execution;

/**
 * Told that an execution started waiting for a person (an inquiry put it in {@code pending}), inside the transaction
 * that wrote it, so what it writes commits or rolls back with it. Its parent workflow attaches here: a workflow pauses
 * while one of its tasks waits (its other running branches finish first) and resumes when the wait ends, which it
 * hears through {@link EndListener} (an answer, a timeout or a cancel ends the waiting execution).
 */
@FunctionalInterface
public interface WaitListener {

    /** {@code waiting} has just moved to pending; messages appended to the outbox go in {@code pending}. */
    void onWaiting(Execution waiting, Dispatch.Pending pending);
}
