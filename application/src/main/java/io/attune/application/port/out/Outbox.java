package io.attune.application.port.out;

import java.time.Instant;
import java.util.List;

/**
 * The transactional outbox: a message is appended in the same transaction as the state change that causes it, and
 * deleted once the broker confirmed it. What a crash leaves behind is found by {@link #due} and sent again.
 */
public interface Outbox {

    /** Appends a message inside the caller's transaction; returns it with its outbox id. */
    OutboxMessage append(Message message);

    /** Messages due for (re)sending: created before {@code createdBefore}, oldest first. */
    List<OutboxMessage> due(Instant createdBefore, int limit);

    /** Removes confirmed messages. */
    void delete(List<Long> ids);

    /** Records a failed send: the message is due again at {@code retryAt}. */
    void failed(List<Long> ids, String error, Instant retryAt);

    /** The messages not yet confirmed by the broker, counted up to {@code cap}, with the oldest one's append time. */
    Backlog backlog(int cap);

    /**
     * A message with its outbox id; {@link #NOT_STORED} marks an advisory message (a status notification) that is
     * published with the others but was never written to the outbox, so nothing re-sends it after a crash.
     */
    record OutboxMessage(long id, Message message) {

        /** The id of a message that is not in the outbox. */
        public static final long NOT_STORED = -1;

        public static OutboxMessage notStored(Message message) {
            return new OutboxMessage(NOT_STORED, message);
        }

        public boolean stored() {
            return id > 0;
        }
    }
}
