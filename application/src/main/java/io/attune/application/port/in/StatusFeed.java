package io.attune.application.port.in;

import java.time.Instant;
import java.util.function.Consumer;

/** Live execution status changes, for streams: adapters announce what the broker delivers, clients subscribe. */
public interface StatusFeed {

    /** Announces a change to every current subscriber. */
    void announce(StatusChange change);

    /** Subscribes; the returned handle unsubscribes. Listeners must not block. */
    AutoCloseable subscribe(Consumer<StatusChange> listener);

    /** One change. */
    record StatusChange(long execution, String action, String status, Instant at) {
    }
}
