package io.attune.application.port.in;

/** What the executor does for workflows when the broker or its clock wakes it. Both are idempotent. */
public interface WorkflowDuties {

    /**
     * Starts a dispatched workflow execution if it is still scheduled: scheduled → running, its engine state stored
     * and its first tasks requested, in one transaction. Returns false when it was not started (started already,
     * canceled, unknown): a redelivered dispatch does nothing.
     */
    boolean start(long execution);

    /** Fires the workflow timers that are due, one transaction each; returns how many fired. */
    int fireDueTimers();
}
