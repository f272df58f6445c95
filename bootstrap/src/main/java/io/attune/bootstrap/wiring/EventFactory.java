package io.attune.bootstrap.wiring;

import io.attune.application.port.in.EventIntake;
import io.attune.application.port.out.EventRepository;
import io.attune.application.port.out.Outbox;
import io.attune.application.port.out.SchemaValidator;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.TriggerRepository;
import io.attune.application.service.Dispatch;
import io.attune.application.service.EventIntakeService;
import io.attune.application.service.EventRecorder;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the event half of the pipeline: intake and recording of events. */
@Factory
public class EventFactory {

    @Singleton
    EventRecorder eventRecorder(EventRepository events, Outbox outbox) {
        return new EventRecorder(events, outbox);
    }

    @Singleton
    EventIntake eventIntake(TriggerRepository triggers, SchemaValidator schemas, EventRecorder recorder,
                            Dispatch dispatch, TransactionRunner tx, Clock clock) {
        return new EventIntakeService(triggers, schemas, recorder, dispatch, tx, clock);
    }
}
