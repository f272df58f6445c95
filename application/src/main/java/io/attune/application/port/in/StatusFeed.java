package io.attune.application.port.in;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** Live execution status changes, for streams: adapters announce what the broker delivers, clients subscribe. */
public interface StatusFeed {

    /** Announces a change to every current subscriber. */
    void announce(StatusChange change);

    /** Subscribes; the returned handle unsubscribes. Listeners must not block. */
    AutoCloseable subscribe(Consumer<StatusChange> listener);

    /** Whether anyone subscribes now: changes nobody listens to need not be sent here. */
    default boolean listened() {
        return true;
    }

    /** One change; a workflow's child also names its workflow ({@code parent}) and its task. */
    record StatusChange(long execution, String action, String status, Instant at, OptionalLong parent,
                        Optional<String> task, OptionalLong retryOf) {
        public StatusChange {
            parent = parent == null ? OptionalLong.empty() : parent;
            task = task == null ? Optional.empty() : task;
            retryOf = retryOf == null ? OptionalLong.empty() : retryOf;
        }

        public StatusChange(long execution, String action, String status, Instant at, OptionalLong parent,
                            Optional<String> task) {
            this(execution, action, status, at, parent, task, OptionalLong.empty());
        }

        public StatusChange(long execution, String action, String status, Instant at) {
            this(execution, action, status, at, OptionalLong.empty(), Optional.empty());
        }
    }
}
