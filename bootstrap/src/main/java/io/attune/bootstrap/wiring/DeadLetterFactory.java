package io.attune.bootstrap.wiring;

import io.attune.application.port.in.DeadLetters;
import io.attune.application.port.out.DeadLetterQueue;
import io.attune.application.port.out.DeadLetterRepository;
import io.attune.application.port.out.EventRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.service.DeadLetterService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the dead letters: stored by the executors' dead-letter consumer, listed and replayed through the API. */
@Factory
public class DeadLetterFactory {

    @Singleton
    DeadLetters deadLetters(DeadLetterRepository letters, DeadLetterQueue queue, EventRepository events,
                            TransactionRunner tx, Clock clock) {
        return new DeadLetterService(letters, queue, events, tx, clock);
    }
}
