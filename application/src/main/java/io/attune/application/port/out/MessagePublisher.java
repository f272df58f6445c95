package io.attune.application.port.out;

import java.util.List;

/** Sends outbox messages to the broker and waits for its confirms. */
public interface MessagePublisher {

    /**
     * Publishes the messages (persistent) and returns the outbox ids the broker confirmed; those not returned were
     * not confirmed and stay in the outbox for the relay. Never throws for a broker failure.
     */
    List<Long> publish(List<Outbox.OutboxMessage> messages);
}
