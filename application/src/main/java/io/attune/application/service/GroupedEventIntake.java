package io.attune.application.service;

import io.attune.application.port.in.EventIntake;
import io.attune.domain.event.Event;
import java.util.function.Supplier;

/**
 * Events recorded by group commit ({@link GroupCommit}): events that arrive together (webhooks, the API, sensors)
 * share one transaction, one commit and one round of broker confirms.
 */
public final class GroupedEventIntake implements EventIntake, AutoCloseable {

    private final GroupCommit<Supplier<SubmitEvent>, Event> events;

    public GroupedEventIntake(EventIntakeService intake, int committers, int maxBatch) {
        this.events = new GroupCommit<>("attune-events", committers, maxBatch, intake::submitAll, intake::submit);
    }

    @Override
    public Event submit(SubmitEvent command) {
        return events.submit(() -> command);
    }

    @Override
    public Event submit(Supplier<SubmitEvent> admit) {
        return events.submit(admit);
    }

    @Override
    public void close() {
        events.close();
    }
}
