package io.attune.application.service;

import io.attune.application.port.in.ExecutorDuties;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.AdmissionLedger;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.MessagePublisher;
import io.attune.application.port.out.Outbox;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.action.Action;
import io.attune.domain.action.RunnerType;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The executor's periodic duties: the outbox relay, the lease sweeper and rate-limit admissions. */
public final class ExecutorDutiesService implements ExecutorDuties {

    private final ExecutionRepository executions;
    private final ActionRepository actions;
    private final AdmissionLedger ledger;
    private final Outbox outbox;
    private final MessagePublisher publisher;
    private final Dispatch dispatch;
    private final TransactionRunner tx;
    private final Clock clock;
    private final Duration relayGrace;

    /**
     * @param relayGrace how old an outbox row must be before the relay sends it: younger rows are still being sent by
     *                   the thread that wrote them
     */
    public ExecutorDutiesService(ExecutionRepository executions, ActionRepository actions, AdmissionLedger ledger, Outbox outbox,
                           MessagePublisher publisher, Dispatch dispatch, TransactionRunner tx, Clock clock,
                           Duration relayGrace) {
        this.executions = executions;
        this.actions = actions;
        this.ledger = ledger;
        this.outbox = outbox;
        this.publisher = publisher;
        this.dispatch = dispatch;
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
    public int abandonExpiredLeases() {
        List<Long> expired = tx.readOnly(() -> executions.expiredLeases(clock.instant(), 100));
        int abandoned = 0;
        for (long id : expired) {
            Dispatch.Pending pending = new Dispatch.Pending();
            boolean done;
            try {
                done = tx.inTransaction(() -> {
                Instant now = clock.instant();
                return executions.find(id)
                        .filter(e -> !e.status().isTerminal() && e.leaseExpiresAt().map(l -> l.isBefore(now)).orElse(false))
                        .map(e -> {
                            // the ledger's key rows are locked before execution rows, by every writer
                            List<Long> admitted = ledger.release(id, now);
                            Instant decided = clock.instant();
                            Execution gone = e.endedWithout(ExecutionStatus.ABANDONED, decided,
                                    "worker " + e.worker().orElse("?") + " stopped renewing its lease");
                            if (!executions.update(gone, e.status())) {
                                throw new IllegalStateException("execution " + id + " changed while it was abandoned");
                            }
                            dispatch.announce(gone, dispatch::runnerOf, decided, pending);
                            dispatch.schedule(admitted, decided, pending);
                            return true;
                        }).orElse(false);
                });
            } catch (IllegalStateException e) {
                // the worker finished it meanwhile: the next sweep sees the truth
                continue;
            }
            dispatch.publish(pending);
            abandoned += done ? 1 : 0;
        }
        return abandoned;
    }

    @Override
    public int admitRateDelayed() {
        Dispatch.Pending pending = new Dispatch.Pending();
        int admitted = tx.inTransaction(() -> {
            List<Long> ids = ledger.tick(clock.instant());
            dispatch.schedule(ids, clock.instant(), pending);
            return ids.size();
        });
        dispatch.publish(pending);
        return admitted;
    }

}
