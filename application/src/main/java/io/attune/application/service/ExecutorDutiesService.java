package io.attune.application.service;

import io.attune.application.port.in.ExecutionQueries.WorkerView;
import io.attune.application.port.in.ExecutorDuties;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.AdmissionLedger;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.MessagePublisher;
import io.attune.application.port.out.Outbox;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.WorkerRepository;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The executor's periodic duties: the outbox relay, the worker watch (lost and pruned workers), the lease sweeper,
 * rate-limit admissions and queue timeouts.
 */
public final class ExecutorDutiesService implements ExecutorDuties {

    private static final System.Logger LOG = System.getLogger(ExecutorDutiesService.class.getName());

    /**
     * How the executor judges workers.
     *
     * @param lostAfterHeartbeats how many of its own heartbeat intervals a worker may stay silent before it is lost
     *                            (and the executions whose lease it let lapse are abandoned)
     * @param forgetAfter         how long a lost or stopped worker stays listed after its last heartbeat
     */
    public record WorkerWatch(int lostAfterHeartbeats, Duration forgetAfter) {
        public WorkerWatch {
            if (lostAfterHeartbeats < 1 || forgetAfter.isNegative() || forgetAfter.isZero()) {
                throw new IllegalArgumentException("lostAfterHeartbeats must be at least 1 and forgetAfter positive, got "
                        + lostAfterHeartbeats + " and " + forgetAfter);
            }
        }

        /** A worker is lost after three missed heartbeats and forgotten a day after its last one. */
        public static WorkerWatch defaults() {
            return new WorkerWatch(3, Duration.ofDays(1));
        }
    }

    private final ExecutionRepository executions;
    private final ActionRepository actions;
    private final AdmissionLedger ledger;
    private final Outbox outbox;
    private final MessagePublisher publisher;
    private final Dispatch dispatch;
    private final ExecutionEnding ending;
    private final TransactionRunner tx;
    private final Clock clock;
    private final Duration relayGrace;
    private final WorkerRepository workers;
    private final WorkerWatch watch;

    /**
     * @param relayGrace how old an outbox row must be before the relay sends it: younger rows are still being sent by
     *                   the thread that wrote them
     */
    public ExecutorDutiesService(ExecutionRepository executions, ActionRepository actions, AdmissionLedger ledger, Outbox outbox,
                           MessagePublisher publisher, Dispatch dispatch, ExecutionEnding ending, TransactionRunner tx, Clock clock,
                           Duration relayGrace, WorkerRepository workers, WorkerWatch watch) {
        this.workers = workers;
        this.watch = watch;
        this.executions = executions;
        this.actions = actions;
        this.ledger = ledger;
        this.outbox = outbox;
        this.publisher = publisher;
        this.dispatch = dispatch;
        this.ending = ending;
        this.tx = tx;
        this.clock = clock;
        this.relayGrace = relayGrace;
    }

    @Override
    public int relayOutbox() {
        Instant now = clock.instant();
        List<Outbox.OutboxMessage> due = tx.inTransaction(() -> outbox.due(now.minus(relayGrace), 500));
        if (due.isEmpty()) {
            return 0;
        }
        List<Long> confirmed = publisher.publish(due);
        List<Long> failed = due.stream().map(Outbox.OutboxMessage::id).filter(id -> !confirmed.contains(id)).toList();
        tx.run(() -> {
            if (!confirmed.isEmpty()) {
                outbox.delete(confirmed);
            }
            if (!failed.isEmpty()) {
                outbox.failed(failed, "not confirmed by the broker", now.plusSeconds(5));
            }
        });
        return confirmed.size();
    }

    @Override
    public int watchWorkers() {
        Instant now = clock.instant();
        List<String> lost = tx.inTransaction(() -> workers.markLost(now, watch.lostAfterHeartbeats()));
        lost.forEach(name -> LOG.log(System.Logger.Level.WARNING, "worker " + name + " is lost: it missed "
                + watch.lostAfterHeartbeats() + " heartbeats"));
        int forgotten = tx.inTransaction(() -> workers.prune(now.minus(watch.forgetAfter())));
        if (forgotten > 0) {
            LOG.log(System.Logger.Level.INFO, forgotten + " lost or stopped worker(s) silent for more than "
                    + watch.forgetAfter() + " forgotten");
        }
        return lost.size();
    }

    /**
     * {@inheritDoc} An expired lease alone frees nothing: a worker that still heartbeats may only be late renewing,
     * and its action may still run. The worker must be gone too: silent for {@code lostAfterHeartbeats} of its heartbeat
     * intervals (its action processes die with it), unknown, or registered again since the execution started (a
     * restart under the same name).
     */
    @Override
    public int abandonExpiredLeases() {
        List<Long> expired = tx.readOnly(() -> executions.expiredLeases(clock.instant(), 100));
        int abandoned = 0;
        for (long id : expired) {
            EndOutcome outcome;
            try {
                outcome = ending.end(id, this::abandonIfWorkerGone);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "abandoning execution " + id + " failed; the next sweep retries", e);
                continue;
            }
            // a lost race: the worker finished it meanwhile; not found: it ended, or its worker is still there
            abandoned += outcome instanceof EndOutcome.Ended ? 1 : 0;
        }
        return abandoned;
    }

    /** Abandoned when its lease expired and its worker is gone; empty while the worker may still run it. */
    private Optional<java.util.function.Function<Instant, Execution>> abandonIfWorkerGone(Execution e) {
        Instant now = clock.instant();
        if (e.status().isTerminal() || !e.leaseExpiresAt().map(l -> l.isBefore(now)).orElse(false)) {
            return Optional.empty();
        }
        return whyWorkerGone(e, now).map(gone -> decided -> e.endedWithout(ExecutionStatus.ABANDONED, decided,
                "worker " + e.worker().orElse("?") + " is gone: its lease expired and " + gone));
    }

    /** Why the worker of an execution cannot still be running it; empty while it may. */
    private Optional<String> whyWorkerGone(Execution e, Instant now) {
        Optional<WorkerView> worker = e.worker().flatMap(workers::find);
        if (worker.isEmpty()) {
            return Optional.of("it is no longer registered");
        }
        WorkerView w = worker.get();
        if (w.heartbeatAt().plus(w.heartbeatInterval().multipliedBy(watch.lostAfterHeartbeats())).isBefore(now)) {
            return Optional.of("its heartbeat stopped (" + watch.lostAfterHeartbeats() + " missed)");
        }
        if (e.startedAt().map(started -> w.startedAt().isAfter(started)).orElse(false)) {
            return Optional.of("it restarted since");
        }
        // a heartbeat renews, in its transaction, the lease of every run the worker still holds, and the worker kills
        // a run whose lease it could not renew: a heartbeat more than one interval after this lease expired proves the
        // worker no longer runs it (its end could not be written, say), or it would stay running for ever
        if (e.leaseExpiresAt().map(expiry -> w.heartbeatAt().isAfter(expiry.plus(w.heartbeatInterval())))
                .orElse(false)) {
            return Optional.of("it no longer runs it (it heartbeated without renewing the lease)");
        }
        return Optional.empty();
    }

    /**
     * {@inheritDoc} Safe with several executors at once: the end is a compare-and-set from {@code delayed} under the
     * keys' row locks, so one sweep ends an execution and another finds it gone (or admitted meanwhile) and does
     * nothing; the withdrawal is the domain's, so the order of the rest of the queue is kept.
     */
    @Override
    public int timeOutQueued() {
        Instant now = clock.instant();
        List<AdmissionLedger.ExpiredWait> expired = tx.readOnly(() -> ledger.expiredWaits(now, 100));
        int timedOut = 0;
        for (AdmissionLedger.ExpiredWait wait : expired) {
            String reason = "waited in the queue of " + wait.key() + " longer than its queue_timeout of "
                    + wait.timeout().toSeconds() + "s";
            EndOutcome outcome;
            try {
                outcome = ending.end(wait.execution(), e -> e.status() == ExecutionStatus.DELAYED
                        ? Optional.of(at -> e.endedWithout(ExecutionStatus.TIMEOUT, at, reason))
                        : Optional.empty());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "timing out queued execution " + wait.execution()
                        + " failed; the next sweep retries", e);
                continue;
            }
            timedOut += outcome instanceof EndOutcome.Ended ? 1 : 0;
        }
        return timedOut;
    }

    @Override
    public int admitRateDelayed() {
        int admitted = dispatch.inTransaction(pending -> {
            List<Long> ids = ledger.tick(clock.instant());
            dispatch.schedule(ids, clock.instant(), pending);
            return ids.size();
        });
        return admitted;
    }

}
