package io.attune.application.service;

import io.attune.application.port.in.DeadLetters;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.DeadLetterQueue;
import io.attune.application.port.out.DeadLetterRepository;
import io.attune.application.port.out.EventRepository;
import io.attune.application.port.out.TransactionRunner;
import java.time.Clock;
import java.util.List;

/**
 * Keeps what consumers gave up on, and replays it on an operator's word. The replay is published before it is marked,
 * so a crash in between leaves a dead letter that was replayed but not marked, never one marked but not replayed.
 */
public final class DeadLetterService implements DeadLetters {

    /** The message type of a recorded event, whose dead letter leaves the intake backlog. */
    static final String EVENT_CREATED = "event.created";

    private final DeadLetterRepository letters;
    private final DeadLetterQueue queue;
    private final EventRepository events;
    private final TransactionRunner tx;
    private final Clock clock;

    public DeadLetterService(DeadLetterRepository letters, DeadLetterQueue queue, EventRepository events,
                             TransactionRunner tx, Clock clock) {
        this.letters = letters;
        this.queue = queue;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void record(Arrival arrival) {
        tx.run(() -> {
            letters.insertIfAbsent(arrival);
            if (arrival.type().filter(EVENT_CREATED::equals).isPresent() && arrival.event().isPresent()) {
                events.markProcessed(List.of(arrival.event().getAsLong()));
            }
        });
    }

    @Override
    public Page<DeadLetter> list(PageRequest page) {
        return tx.readOnly(() -> letters.list(page));
    }

    @Override
    public DeadLetter replay(long id, String actor) {
        DeadLetter letter = tx.readOnly(() -> letters.find(id))
                .orElseThrow(() -> new UseCaseException.NotFound("dead letter", Long.toString(id)));
        byte[] body = tx.readOnly(() -> letters.body(id)).orElseThrow();
        if (!queue.replay(letter.queue(), body)) {
            throw new UseCaseException.Conflict("the broker did not take dead letter " + id + " back onto "
                    + letter.queue() + "; nothing was replayed, try again once the broker is up");
        }
        return tx.inTransaction(() -> {
            letters.markReplayed(id, clock.instant(), actor);
            return letters.find(id).orElseThrow();
        });
    }
}
