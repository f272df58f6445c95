package io.attune.application.port.out;

/**
 * Which instance leads a duty that must run in one place only (timers, sensors): held through a PostgreSQL advisory
 * lock on a session of its own, so a dead leader's lock goes with its connection and another instance takes over at
 * its next attempt.
 */
public interface Leadership {

    /** True when this instance holds (or just took) the lead of {@code duty}; never blocks. */
    boolean lead(String duty);

    /** Gives up the lead of {@code duty} if held. */
    void resign(String duty);
}
