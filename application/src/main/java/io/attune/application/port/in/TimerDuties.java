package io.attune.application.port.in;

/** The timers' periodic work, run by every instance with the sensor role; only the timers' leader fires. */
public interface TimerDuties {

    /**
     * If this instance leads the timers: brings the timer states in line with the enabled timer rules, and records one
     * event per due firing (each in the transaction that advances its timer). Returns how many events it recorded.
     */
    int tick();
}
