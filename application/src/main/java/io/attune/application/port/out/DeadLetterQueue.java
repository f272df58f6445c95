package io.attune.application.port.out;

/** Puts a dead letter's message back on the queue it failed on. */
public interface DeadLetterQueue {

    /** Publishes {@code body} to {@code queue} (persistent); true once the broker confirmed it. Never throws. */
    boolean replay(String queue, byte[] body);
}
