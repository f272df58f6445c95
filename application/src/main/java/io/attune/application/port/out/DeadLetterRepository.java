package io.attune.application.port.out;

import io.attune.application.port.in.DeadLetters.Arrival;
import io.attune.application.port.in.DeadLetters.DeadLetter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import java.time.Instant;
import java.util.Optional;

/** Stored dead letters. */
public interface DeadLetterRepository {

    /** Stores it unless one with the same key exists; true when stored now. */
    boolean insertIfAbsent(Arrival arrival);

    Optional<DeadLetter> find(long id);

    /** The message's body exactly as it was delivered. */
    Optional<byte[]> body(long id);

    /** Newest first. */
    Page<DeadLetter> list(PageRequest page);

    /** Counts a replay, by whom and when. */
    void markReplayed(long id, Instant at, String actor);
}
