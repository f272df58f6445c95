package io.attune.application.service;

import io.attune.application.port.out.AdmissionLedger;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.execution.Execution;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one way an execution ends, whoever ends it (the worker's finish, a cancel, the lease sweeper, the inline
 * runner): the slot released, the compare-and-set to the terminal status, the terminal status announced, the next
 * queued executions admitted and dispatched, and the {@link EndListener}s told, in one transaction, with the messages
 * published after the commit. The outcome is typed ({@link EndOutcome}); a database failure is thrown, never taken
 * for a lost race.
 */
public final class ExecutionEnding {

    /**
     * How one path ends an execution. {@link #decide} sees the execution as read in the ending transaction and returns
     * empty when this path does not end it as it stands; otherwise the end, stamped with the time read under the
     * ledger's key locks (so ends and the next admissions are stamped in admission order). {@link #decide} runs before
     * the slot is released, so it may do work first (an inline action runs there).
     */
    @FunctionalInterface
    public interface Ending {
        Optional<Function<Instant, Execution>> decide(Execution current);
    }

    private final ExecutionRepository executions;
    private final AdmissionLedger ledger;
    private final Dispatch dispatch;
    private final TransactionRunner tx;
    private final Clock clock;
    private final List<EndListener> listeners;

    public ExecutionEnding(ExecutionRepository executions, AdmissionLedger ledger, Dispatch dispatch,
                           TransactionRunner tx, Clock clock, List<EndListener> listeners) {
        this.executions = executions;
        this.ledger = ledger;
        this.dispatch = dispatch;
        this.tx = tx;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Ends execution {@code id} as {@code how} decides, in a transaction of its own, and publishes its messages after
     * the commit. A lost race rolls back everything, the slot release with it. Not for use inside another transaction
     * (it would join it, and the rollback of a lost race would take the caller's writes with it): use
     * {@link #endWithin} there.
     */
    public EndOutcome end(long id, Ending how) {
        Dispatch.Pending pending = new Dispatch.Pending();
        EndOutcome outcome;
        try {
            outcome = tx.inTransaction(() -> {
                EndOutcome within = endWithin(id, how, pending);
                if (within instanceof EndOutcome.LostRace lost) {
                    // the transaction port rolls back only on an exception; this one never leaves this method
                    throw new RolledBack(lost);
                }
                return within;
            });
        } catch (RolledBack rolledBack) {
            return rolledBack.outcome;
        }
        dispatch.publish(pending);
        return outcome;
    }

    /**
     * Ends execution {@code id} inside the caller's transaction, appending its messages to {@code pending} (the caller
     * publishes them after its commit). On {@link EndOutcome.LostRace} the slot release is already written: the caller
     * must roll its transaction back (a grouped batch fails as a whole and each of its inputs is ended alone).
     */
    public EndOutcome endWithin(long id, Ending how, Dispatch.Pending pending) {
        Optional<Execution> found = executions.find(id);
        if (found.isEmpty()) {
            return new EndOutcome.NotFound(id, Optional.empty());
        }
        Execution current = found.get();
        Optional<Function<Instant, Execution>> stamp = how.decide(current);
        if (stamp.isEmpty()) {
            return new EndOutcome.NotFound(id, found);
        }
        // the ledger's key rows are locked before execution rows, by every writer
        List<Long> admitted = ledger.release(id, clock.instant());
        Instant now = clock.instant();
        Execution done = stamp.get().apply(now);
        if (!done.status().isTerminal()) {
            throw new IllegalArgumentException("an ending must end the execution, not move it to " + done.status().code());
        }
        if (!executions.update(done, current.status())) {
            return new EndOutcome.LostRace(id, current.status());
        }
        // a terminal status is announced on the status feed only: no work queue to name
        dispatch.announce(done, dispatch::runnerOf, now, pending);
        dispatch.schedule(admitted, now, pending);
        listeners.forEach(l -> l.onEnded(done, pending));
        return new EndOutcome.Ended(done);
    }

    /** One execution to end in a batch ({@link #endAllWithin}), and how. */
    public record End(long id, Ending how) {
    }

    /**
     * Ends several executions inside the caller's transaction, as {@link #endWithin} would one after another, but with
     * their slots released together ({@link AdmissionLedger#releaseAll}): the policy keys of ends that arrive together
     * are locked and written once. One outcome per end, in order; on any {@link EndOutcome.LostRace} the caller must
     * roll its transaction back (the releases are written) and end each alone.
     */
    public List<EndOutcome> endAllWithin(List<End> ends, Dispatch.Pending pending) {
        List<EndOutcome> outcomes = new ArrayList<>(java.util.Collections.nCopies(ends.size(), null));
        Map<Integer, Execution> current = new LinkedHashMap<>();
        Map<Integer, Function<Instant, Execution>> stamps = new LinkedHashMap<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < ends.size(); i++) {
            long id = ends.get(i).id();
            if (!seen.add(id)) {
                // the same execution twice (a duplicated delivery): the first ends it, this one finds it gone
                outcomes.set(i, new EndOutcome.NotFound(id, Optional.empty()));
                continue;
            }
            Optional<Execution> found = executions.find(id);
            Optional<Function<Instant, Execution>> stamp = found.flatMap(ends.get(i).how()::decide);
            if (stamp.isEmpty()) {
                outcomes.set(i, new EndOutcome.NotFound(id, found));
            } else {
                current.put(i, found.get());
                stamps.put(i, stamp.get());
            }
        }
        // the ledger's key rows are locked before execution rows, by every writer
        List<Long> admitted = ledger.releaseAll(current.values().stream().map(Execution::id).toList(), clock.instant());
        Instant now = clock.instant();
        for (Map.Entry<Integer, Execution> entry : current.entrySet()) {
            Execution before = entry.getValue();
            Execution done = stamps.get(entry.getKey()).apply(now);
            if (!done.status().isTerminal()) {
                throw new IllegalArgumentException("an ending must end the execution, not move it to " + done.status().code());
            }
            if (!executions.update(done, before.status())) {
                outcomes.set(entry.getKey(), new EndOutcome.LostRace(before.id(), before.status()));
                return outcomes;
            }
            dispatch.announce(done, dispatch::runnerOf, now, pending);
            listeners.forEach(l -> l.onEnded(done, pending));
            outcomes.set(entry.getKey(), new EndOutcome.Ended(done));
        }
        dispatch.schedule(admitted, now, pending);
        return outcomes;
    }

    /** Carries a lost race out of the transaction it rolls back. */
    private static final class RolledBack extends RuntimeException {
        private final transient EndOutcome.LostRace outcome;

        RolledBack(EndOutcome.LostRace outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }
}
