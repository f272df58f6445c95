package io.attune.application.port.in;

/** The sensor role's work: keeping exactly the enabled sensors' processes running, on the one leading instance. */
public interface SensorDuties {

    /**
     * One round of supervision, called periodically: unless this instance leads the {@code sensors} duty (then it stops
     * whatever it still runs), starts enabled sensors, stops removed or disabled ones, restarts changed ones, restarts
     * crashed ones once their backoff has passed, and saves each sensor's state. Never runs two rounds at once.
     */
    void supervise();

    /** Stops every process this instance runs and gives up the lead (shutdown). */
    void stopAll();
}
