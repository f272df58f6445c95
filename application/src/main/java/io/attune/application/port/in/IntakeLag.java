package io.attune.application.port.in;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The lag between accepting work and starting it, sampled in the background (about once a second), and the
 * backpressure it drives: past the configured backlog, intake refuses new work with a time to retry after instead of
 * accepting work it cannot start for minutes. Checking costs no database round trip: it reads the last sample.
 */
public interface IntakeLag {

    /** The last sample (an empty one before the first). */
    Lag current();

    /**
     * Refuses a new event (webhook, {@code POST /events}) when the events awaiting the rules are past the bound.
     *
     * @throws UseCaseException.TooManyAttempts with the time to retry after
     */
    void admitEvent();

    /**
     * Refuses a new execution asked for through the API when the executions waiting for a worker are past the bound.
     *
     * @throws UseCaseException.TooManyAttempts with the time to retry after
     */
    void admitExecution();

    /** Work waiting at one stage. {@code capped}: there are at least {@code count}, maybe more. */
    record Waiting(long count, boolean capped, Optional<Instant> oldest, Optional<Duration> oldestAge) {
        public static final Waiting NONE = new Waiting(0, false, Optional.empty(), Optional.empty());
    }

    /** One broker queue: kind is {@code rules}, {@code work} or {@code dead_letter}; messages ready in it. */
    record Queue(String name, String kind, long messages, int consumers) {
    }

    /**
     * One sample.
     *
     * @param sampledAt          when it was taken (empty before the first)
     * @param events             events the rules stage has not handled yet
     * @param outbox             messages not yet confirmed by the broker
     * @param queues             the broker's shared queues (empty while the broker is away)
     * @param executionsWaiting  dispatched executions no worker has taken yet (the work queues' ready messages)
     * @param eventsTotal        events ever stored (a counter)
     * @param enforcementsTotal  enforcements ever stored
     * @param executionsTotal    executions ever stored
     * @param maxBacklog         the bound on waiting items (0 = none)
     * @param maxAge             the bound on the oldest waiting event's age
     * @param refusingEvents     the reason intake refuses events now, if it does
     * @param refusingExecutions the reason the API refuses executions now, if it does
     * @param refusedEvents      events refused by this instance since it started
     * @param refusedExecutions  executions refused by this instance since it started
     */
    record Lag(Optional<Instant> sampledAt, Waiting events, Waiting outbox, List<Queue> queues, long executionsWaiting,
               long eventsTotal, long enforcementsTotal, long executionsTotal, long maxBacklog,
               Optional<Duration> maxAge, Optional<String> refusingEvents, Optional<String> refusingExecutions,
               long refusedEvents, long refusedExecutions) {
        public Lag {
            queues = List.copyOf(queues);
        }
    }
}
