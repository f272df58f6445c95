package io.attune.application.service;

import io.attune.application.port.in.EventIntake;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.SchemaValidator;
import io.attune.application.port.out.TriggerRepository;
import io.attune.domain.common.Ref;
import io.attune.domain.event.Event;
import io.attune.domain.trigger.Trigger;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** Records events from the API, webhooks and sensors: validated against the trigger's payload schema, then stored. */
public final class EventIntakeService implements EventIntake {

    private final TriggerRepository triggers;
    private final SchemaValidator schemas;
    private final EventRecorder recorder;
    private final Dispatch dispatch;
    private final Clock clock;
    private final IdempotencyService idempotency;

    public EventIntakeService(TriggerRepository triggers, SchemaValidator schemas, EventRecorder recorder,
                              Dispatch dispatch, Clock clock, IdempotencyService idempotency) {
        this.triggers = triggers;
        this.schemas = schemas;
        this.recorder = recorder;
        this.dispatch = dispatch;
        this.clock = clock;
        this.idempotency = idempotency;
    }

    @Override
    public Event submit(SubmitEvent command) {
        return submit(() -> command);
    }

    @Override
    public Event submit(Supplier<SubmitEvent> admit) {
        return dispatch.inTransaction(pending -> submitWithin(admit.get(), pending));
    }

    /**
     * Several events in one transaction, in order, each first admitted ({@link #submit(Supplier)}): an event the use
     * case refuses is refused alone, having written nothing; a database failure fails the whole batch. Their messages
     * are published together after the commit.
     */
    public List<GroupCommit.Outcome<Event>> submitAll(List<Supplier<SubmitEvent>> commands) {
        List<GroupCommit.Outcome<Event>> outcomes = dispatch.inTransaction(pending -> {
            List<GroupCommit.Outcome<Event>> results = new java.util.ArrayList<>();
            for (Supplier<SubmitEvent> command : commands) {
                try {
                    results.add(new GroupCommit.Outcome.Done<>(submitWithin(command.get(), pending)));
                } catch (UseCaseException refused) {
                    results.add(new GroupCommit.Outcome.Refused<>(refused));
                }
            }
            return results;
        });
        return outcomes;
    }

    /** Validates and records one event inside the caller's transaction; refusals are thrown before any write. */
    private Event submitWithin(SubmitEvent command, Dispatch.Pending pending) {
        Ref ref = parseTrigger(command.trigger());
        Trigger trigger = triggers.find(ref).orElseThrow(() -> new UseCaseException.NotFound("trigger", ref.toString()));
        List<FieldError> errors = schemas.validate(trigger.payloadSchema(), command.payload(), "payload");
        if (!errors.isEmpty()) {
            throw new UseCaseException.Invalid("invalid payload for trigger '" + ref + "': " + errors.get(0), errors);
        }
        idempotency.claimWithin(command.idempotency()); // the last refusal: a retry of a stored event
        Event event = recorder.record(new Event(0, ref, command.payload(), clock.instant(), command.source()), pending);
        idempotency.bindWithin(command.idempotency(), "event:" + event.id());
        return event;
    }

    private static Ref parseTrigger(String trigger) {
        if (trigger == null || trigger.isBlank()) {
            throw UseCaseException.Invalid.of("trigger", "trigger is required");
        }
        try {
            return Ref.parse(trigger);
        } catch (IllegalArgumentException e) {
            throw UseCaseException.Invalid.of("trigger", e.getMessage());
        }
    }
}
