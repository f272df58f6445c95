package io.attune.application.port.out;

/**
 * Hands a committed message to a consumer in this process, in memory, instead of through the broker: the default
 * single-jar mode runs the producer and the consumer of most messages in one JVM. A message is handed over only when a
 * consumer of its route runs here and has room for it now; otherwise it goes to the broker, where any instance can
 * take it. The outbox stays the guarantee: a stored message's row is kept until {@code handled} runs (the consumer
 * acted on it), so a crash in between leaves it to the relay, and the consumers' compare-and-set makes a second
 * delivery change nothing.
 */
public interface Handover {

    /** No consumer in this process: everything goes to the broker. */
    Handover NONE = (message, handled) -> false;

    /**
     * Offers a committed message. True when it needs no broker: a consumer here took it (and runs {@code handled}
     * once it has acted on it, never if it failed: the message then waits for the relay), or it is advisory and
     * nobody anywhere listens. False when it must be published.
     */
    boolean offer(Message message, Runnable handled);
}
