package io.attune.adapters.amqp;

import io.attune.application.port.in.StatusFeed;
import jakarta.inject.Singleton;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/** A status feed that records what was announced. */
@Singleton
public class RecordingStatusFeed implements StatusFeed {

    final Queue<StatusChange> announced = new ConcurrentLinkedQueue<>();

    @Override
    public void announce(StatusChange change) {
        announced.add(change);
    }

    @Override
    public AutoCloseable subscribe(Consumer<StatusChange> listener) {
        throw new UnsupportedOperationException("the adapter only announces");
    }
}
