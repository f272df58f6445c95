package io.attune.application.service;

import io.attune.application.port.in.IntakeLag;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.Backlog;
import io.attune.application.port.out.BrokerQueues;
import io.attune.application.port.out.EventRepository;
import io.attune.application.port.out.Outbox;
import io.attune.application.port.out.PipelineTotals;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.event.IntakeLimits;
import io.attune.domain.event.IntakeLimits.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the lag ({@link #sample}, called about once a second by a background duty) and judges intake against the
 * last sample, so that a request pays one volatile read, never a query. Backlogs are counted up to a cap (twice the
 * bound, at least {@value #MIN_CAP}) so that measuring a huge backlog costs no more than measuring the bound.
 */
public final class LagService implements IntakeLag {

    private static final int MIN_CAP = 10_000;

    private final EventRepository events;
    private final Outbox outbox;
    private final BrokerQueues broker;
    private final PipelineTotals totals;
    private final TransactionRunner tx;
    private final Clock clock;
    private final IntakeLimits limits;
    private final int cap;
    private final AtomicLong refusedEvents = new AtomicLong();
    private final AtomicLong refusedExecutions = new AtomicLong();
    private volatile Sample last;

    /** One sample with the verdicts it led to. */
    private record Sample(Lag lag, Verdict events, Verdict executions) {
    }

    public LagService(EventRepository events, Outbox outbox, BrokerQueues broker, PipelineTotals totals,
                      TransactionRunner tx, Clock clock, IntakeLimits limits) {
        this.events = events;
        this.outbox = outbox;
        this.broker = broker;
        this.totals = totals;
        this.tx = tx;
        this.clock = clock;
        this.limits = limits;
        this.cap = (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_CAP, 2 * limits.maxBacklog()));
        this.last = new Sample(new Lag(Optional.empty(), Waiting.NONE, Waiting.NONE, List.of(), 0, 0, 0, 0,
                limits.maxBacklog(), limits.maxAge(), Optional.empty(), Optional.empty(), 0, 0),
                new Verdict.Accept(), new Verdict.Accept());
    }

    /** Takes a new sample: the database's backlogs and totals, then the broker's queues. */
    public Lag sample() {
        Backlog eventBacklog = tx.readOnly(() -> events.unprocessed(cap));
        Backlog outboxBacklog = tx.readOnly(() -> outbox.backlog(cap));
        PipelineTotals.Totals counted = tx.readOnly(totals::totals);
        List<BrokerQueues.Depth> depths = broker.depths();
        Instant now = clock.instant();
        Sample previous = last;

        Waiting waitingEvents = waiting(eventBacklog, now);
        long executionsWaiting = depths.stream().filter(d -> d.kind() == BrokerQueues.Kind.WORK)
                .mapToLong(BrokerQueues.Depth::messages).sum();
        Verdict eventVerdict = limits.judge(waitingEvents.count(), waitingEvents.oldestAge(),
                drain(previous.lag().sampledAt(), previous.lag().events().count(), now, waitingEvents.count()));
        // the age bound is for events: an execution may wait for a runtime no worker serves, which is no lag
        Verdict executionVerdict = new IntakeLimits(limits.maxBacklog(), Optional.empty()).judge(executionsWaiting,
                Optional.empty(), drain(previous.lag().sampledAt(), previous.lag().executionsWaiting(), now,
                        executionsWaiting));
        Lag lag = new Lag(Optional.of(now), waitingEvents, waiting(outboxBacklog, now),
                depths.stream().map(d -> new Queue(d.queue(), d.kind().name().toLowerCase(Locale.ROOT), d.messages(),
                        d.consumers())).toList(),
                executionsWaiting, counted.events(), counted.enforcements(), counted.executions(), limits.maxBacklog(),
                limits.maxAge(), reason(eventVerdict), reason(executionVerdict), refusedEvents.get(),
                refusedExecutions.get());
        last = new Sample(lag, eventVerdict, executionVerdict);
        return lag;
    }

    @Override
    public Lag current() {
        Lag lag = last.lag();
        return new Lag(lag.sampledAt(), lag.events(), lag.outbox(), lag.queues(), lag.executionsWaiting(),
                lag.eventsTotal(), lag.enforcementsTotal(), lag.executionsTotal(), lag.maxBacklog(), lag.maxAge(),
                lag.refusingEvents(), lag.refusingExecutions(), refusedEvents.get(), refusedExecutions.get());
    }

    @Override
    public void admitEvent() {
        admit(last.events(), refusedEvents, "no event is accepted now");
    }

    @Override
    public void admitExecution() {
        admit(last.executions(), refusedExecutions, "no execution is accepted through the API now");
    }

    private static void admit(Verdict verdict, AtomicLong refused, String what) {
        if (verdict instanceof Verdict.Refuse refuse) {
            refused.incrementAndGet();
            throw new UseCaseException.TooManyAttempts(what + ": " + refuse.reason() + "; retry after "
                    + refuse.retryAfter().toSeconds() + " s (GET /api/v1/lag shows the backlog)", refuse.retryAfter());
        }
    }

    private Waiting waiting(Backlog backlog, Instant now) {
        return new Waiting(backlog.count(), backlog.count() >= cap, backlog.oldest(),
                backlog.oldest().map(t -> t.isAfter(now) ? Duration.ZERO : Duration.between(t, now)));
    }

    /** Items per second the backlog shrank by since the previous sample; 0 when it grew or there was none. */
    private static double drain(Optional<Instant> before, long countBefore, Instant now, long count) {
        if (before.isEmpty() || count >= countBefore) {
            return 0;
        }
        double seconds = Duration.between(before.get(), now).toMillis() / 1000.0;
        return seconds <= 0 ? 0 : (countBefore - count) / seconds;
    }

    private static Optional<String> reason(Verdict verdict) {
        return verdict instanceof Verdict.Refuse refuse ? Optional.of(refuse.reason()) : Optional.empty();
    }
}
