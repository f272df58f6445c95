package io.attune.application.port.in;

/** The executor's periodic work for retries; safe with any number of executors running it at once. */
public interface RetryDuties {

    /**
     * Admits, under the action's policies, the retries whose delay is over (oldest first), each in its own
     * transaction; returns how many. A retry whose action was removed or disabled meanwhile ends canceled instead.
     */
    int admitDueRetries();
}
