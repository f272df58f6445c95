package io.attune.application.port.in;

/** The executor role's periodic work; each call is safe with any number of executors running it at once. */
public interface ExecutorDuties {

    /** Re-sends outbox messages a crash left behind; returns how many were sent. */
    int relayOutbox();

    /** Ends executions whose worker stopped renewing its lease as abandoned, freeing their slots. */
    int abandonExpiredLeases();

    /** Admits executions delayed by rate limits whose window has moved on. */
    int admitRateDelayed();
}
