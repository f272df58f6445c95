package io.attune.application.port.in;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The messages consumers gave up on (failed too often, or unreadable), kept for an operator to look at and replay.
 */
public interface DeadLetters {

    /**
     * A message as it arrived on the dead-letter queue.
     *
     * @param key        unique per dead-lettering, so a redelivered dead letter is stored once
     * @param queue      the queue it failed on: a replay puts it back there
     * @param routingKey the routing key it was first published with, when known
     * @param messageId  the envelope's id, when the body is an Attune message
     * @param type       the message type ({@code event.created}, {@code execution.dispatch} …), when readable
     * @param execution  the execution it is about, if any
     * @param event      the event it is about, if any
     * @param error      why the consumer gave up
     * @param attempts   how many times it was handled
     * @param body       the body as it was delivered
     * @param failedAt   when the consumer gave up
     */
    record Arrival(String key, String queue, Optional<String> routingKey, Optional<String> messageId,
                   Optional<String> type, OptionalLong execution, OptionalLong event, String error, int attempts,
                   byte[] body, Instant failedAt) {
    }

    /** A stored dead letter; {@code body} is the message as text (cut to a few KiB), for an operator to read. */
    record DeadLetter(long id, String queue, Optional<String> routingKey, Optional<String> messageId,
                      Optional<String> type, OptionalLong execution, OptionalLong event, String error, int attempts,
                      Instant failedAt, String body, int replays, Optional<Instant> replayedAt,
                      Optional<String> replayedBy) {
    }

    /**
     * Stores a dead letter (once per key). An {@code event.created} given up on leaves the intake backlog: the rules
     * will not handle it unless it is replayed.
     */
    void record(Arrival arrival);

    /** Newest first. */
    Page<DeadLetter> list(PageRequest page);

    /**
     * Puts a dead letter's message back on its queue and marks it replayed by {@code actor}.
     *
     * @throws UseCaseException.NotFound when there is no such dead letter
     * @throws UseCaseException.Conflict when the broker did not confirm the message (nothing is marked)
     */
    DeadLetter replay(long id, String actor);
}
