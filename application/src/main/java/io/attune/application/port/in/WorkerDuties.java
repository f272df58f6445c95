package io.attune.application.port.in;

/** What a worker does when the broker wakes it. Both methods are idempotent. */
public interface WorkerDuties {

    /**
     * Runs a dispatched execution if it is still scheduled: takes it (scheduled → running, with a lease), returns so
     * the message can be acknowledged, and runs it in the background; the terminal status, the slot release and the
     * admission of the next queued executions are written in one transaction at the end. Returns false when the
     * execution was not taken (already taken, canceled, unknown).
     */
    boolean take(long execution);

    /**
     * Whether this worker has room for one more execution now (a free slot, not stopping): dispatches made in this
     * process are handed to it in memory only then, and go to the broker, for any worker, otherwise.
     */
    default boolean hasRoom() {
        return true;
    }

    /** Stops an execution this worker is running (SIGTERM, then SIGKILL); ignored when it runs elsewhere. */
    void cancel(long execution);
}
