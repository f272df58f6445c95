package io.attune.adapters.amqp;

import io.attune.application.port.in.DeadLetters;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.UseCaseException;
import jakarta.inject.Singleton;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** An executor's dead-letter store that records what the dead-letter queue delivered. */
@Singleton
public class RecordingDeadLetters implements DeadLetters {

    final Queue<Arrival> arrivals = new ConcurrentLinkedQueue<>();

    @Override
    public void record(Arrival arrival) {
        arrivals.add(arrival);
    }

    @Override
    public Page<DeadLetter> list(PageRequest page) {
        throw new UnsupportedOperationException("the listener only records");
    }

    @Override
    public DeadLetter replay(long id, String actor) {
        throw new UseCaseException.NotFound("dead letter", Long.toString(id));
    }
}
