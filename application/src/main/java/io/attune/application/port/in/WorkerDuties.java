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

    /** The runner codes this worker serves: the work queues it consumes (every runner unless it says otherwise). */
    default java.util.Set<String> runners() {
        return java.util.Arrays.stream(io.attune.domain.action.RunnerType.values())
                .map(io.attune.domain.action.RunnerType::code).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * The labels this worker advertises: besides its runners' own queues it consumes those of every action label set
     * its labels satisfy.
     */
    default java.util.Map<String, String> labels() {
        return java.util.Map.of();
    }
}
