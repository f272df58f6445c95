package io.attune.application.port.in;

/** The executor role's periodic work; each call is safe with any number of executors running it at once. */
public interface ExecutorDuties {

    /** Re-sends outbox messages a crash left behind; returns how many were sent. */
    int relayOutbox();

    /**
     * Marks lost the workers whose heartbeat stopped, and forgets those lost or stopped long ago; returns how many
     * were marked lost now.
     */
    int watchWorkers();

    /**
     * Ends as abandoned, freeing their slots, the executions whose lease expired and whose worker is gone (its
     * heartbeat stopped, so their processes cannot still run); returns how many. A worker that heartbeats keeps its
     * executions even when it is late renewing their leases.
     */
    int abandonExpiredLeases();

    /** Admits executions delayed by rate limits whose window has moved on. */
    int admitRateDelayed();

    /**
     * Ends as timeout the executions that waited in a policy queue longer than its {@code queue_timeout}, oldest
     * deadline first, each in its own transaction that also admits whoever gets in in its place; returns how many.
     */
    int timeOutQueued();
}
