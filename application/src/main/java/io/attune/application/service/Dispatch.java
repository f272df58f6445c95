package io.attune.application.service;

import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.Handover;
import io.attune.application.port.out.Message;
import io.attune.application.port.out.MessagePublisher;
import io.attune.application.port.out.Outbox;
import io.attune.application.port.out.Outbox.OutboxMessage;
import io.attune.application.port.out.TransactionRunner;
import io.attune.domain.action.Action;
import io.attune.domain.action.RunnerType;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.ExecutionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The messaging half of every state change: appends the messages a change causes to the outbox inside its
 * transaction, and after the commit hands them to a consumer in this process ({@link Handover}) or publishes them,
 * and removes those a local consumer handled or the broker confirmed. What is neither stays in the outbox for the
 * relay. Also moves executions the ledger admitted from delayed to scheduled.
 */
public final class Dispatch {

    private final ExecutionRepository executions;
    private final ActionRepository actions;
    private final Outbox outbox;
    private final MessagePublisher publisher;
    private final TransactionRunner tx;
    private final Handover handover;

    /** Every message goes through the broker. */
    public Dispatch(ExecutionRepository executions, ActionRepository actions, Outbox outbox, MessagePublisher publisher,
                    TransactionRunner tx) {
        this(executions, actions, outbox, publisher, tx, Handover.NONE);
    }

    /** Messages a consumer in this process can take now are handed over in memory ({@link Handover}). */
    public Dispatch(ExecutionRepository executions, ActionRepository actions, Outbox outbox, MessagePublisher publisher,
                    TransactionRunner tx, Handover handover) {
        this.executions = executions;
        this.actions = actions;
        this.outbox = outbox;
        this.publisher = publisher;
        this.tx = tx;
        this.handover = handover;
    }

    /** Messages appended during one transaction, to publish after it commits. */
    public static final class Pending {
        private final List<OutboxMessage> messages = new ArrayList<>();

        public List<OutboxMessage> messages() {
            return List.copyOf(messages);
        }

        /** Adds a message appended to the outbox during the transaction. */
        public void add(OutboxMessage message) {
            messages.add(message);
        }
    }

    /**
     * Appends the dispatch of a scheduled execution to the outbox, and adds its status notification to the batch
     * (not stored: a lost notification costs a stream client one event, never an execution). Ends are written by
     * {@link ExecutionEnding} alone, which announces them here and tells its listeners.
     */
    public void announce(Execution execution, Function<Execution, RunnerType> runnerOf, Instant at, Pending pending) {
        announce(execution, runnerOf.apply(execution), execution.status() == ExecutionStatus.SCHEDULED
                ? actions.find(execution.action()).map(Action::workerLabels).orElse(Map.of()) : Map.of(), at, pending);
    }

    /** The same, for an execution whose action is in hand (null when it is gone: internal, no labels). */
    public void announce(Execution execution, Action action, Instant at, Pending pending) {
        announce(execution, action == null ? RunnerType.INTERNAL : action.runner(),
                action == null ? Map.of() : action.workerLabels(), at, pending);
    }

    /**
     * A dispatch goes to the work queue of the action's runner and of the worker labels it asks for
     * ({@link Message.Routes#dispatch(String, Map)}), so that only a worker serving both takes it.
     */
    private void announce(Execution execution, RunnerType runner, Map<String, String> labels, Instant at,
                          Pending pending) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("execution", execution.id());
        payload.put("action", execution.action().toString());
        payload.put("status", execution.status().code());
        // a workflow's task: stream clients follow a workflow's tasks by its id
        execution.parent().ifPresent(parent -> payload.put("parent", parent));
        execution.task().ifPresent(task -> payload.put("task", task.name()));
        // a retry: stream clients follow the chain
        execution.retry().ifPresent(retry -> payload.put("retry_of", retry.of()));
        String correlation = Long.toString(execution.id());
        if (execution.status() == ExecutionStatus.SCHEDULED) {
            pending.messages.add(outbox.append(message("execution.dispatch",
                    Message.Routes.dispatch(runner.code(), labels), at, correlation, payload)));
        }
        // status notifications are advisory (the row holds the truth): sent with the batch, never stored
        pending.messages.add(OutboxMessage.notStored(message("execution.status", Message.Routes.STATUS, at, correlation, payload)));
    }

    /** The runner of an execution's action (its work queue); internal when the action is gone. */
    public RunnerType runnerOf(Execution execution) {
        return actions.find(execution.action()).map(Action::runner).orElse(RunnerType.INTERNAL);
    }

    /** Appends a cancel request for a running execution; every worker hears it. */
    public void requestCancel(Execution execution, Instant at, Pending pending) {
        pending.messages.add(outbox.append(message("execution.cancel", Message.Routes.CANCEL, at,
                Long.toString(execution.id()), Map.of("execution", execution.id()))));
    }

    /**
     * Executions the ledger just admitted: delayed → scheduled, with their dispatch messages. An id that is no longer
     * delayed (canceled meanwhile) is skipped.
     */
    public void schedule(List<Long> admitted, Instant at, Pending pending) {
        for (long id : admitted) {
            executions.find(id).filter(e -> e.status() == ExecutionStatus.DELAYED).ifPresent(e -> {
                Execution scheduled = e.moveTo(ExecutionStatus.SCHEDULED, at);
                if (executions.update(scheduled, ExecutionStatus.DELAYED)) {
                    announce(scheduled, actions.find(scheduled.action()).orElse(null), at, pending);
                }
            });
        }
    }

    /**
     * Runs {@code work} in a transaction of its own with a fresh batch of messages, and publishes the batch once the
     * transaction has committed (nothing is published when it rolls back). The one form of "change, then publish what
     * the change caused" for work that owns its transaction.
     */
    public <T> T inTransaction(java.util.function.Function<Pending, T> work) {
        Pending pending = new Pending();
        T result = tx.inTransaction(() -> work.apply(pending));
        publish(pending);
        return result;
    }

    /**
     * Publishes what a committed transaction appended: what a consumer in this process takes is handed over in memory
     * ({@link Handover}), the rest goes to the broker. The outbox rows of what the broker confirmed, or a local
     * consumer handled, are deleted in batches by {@link #forgetConfirmed()}, not one transaction per publish: a row
     * that outlives its confirm (a crash before the batch, or before the local consumer acted) is sent again by the
     * relay, which the consumers' compare-and-set makes harmless.
     */
    public void publish(Pending pending) {
        List<OutboxMessage> messages = pending.messages();
        if (messages.isEmpty()) {
            return;
        }
        List<OutboxMessage> toBroker = new ArrayList<>(messages.size());
        for (OutboxMessage m : messages) {
            if (!handover.offer(m.message(), () -> handled(m))) {
                toBroker.add(m);
            }
        }
        if (!toBroker.isEmpty()) {
            publisher.publish(toBroker).stream().filter(id -> id > 0).forEach(confirmed::add);
        }
        if (confirmed.size() >= BATCH) {
            forgetConfirmed();
        }
    }

    private void handled(OutboxMessage message) {
        if (message.stored()) {
            confirmed.add(message.id());
        }
    }

    /** Deletes the outbox rows of confirmed messages, in one transaction; returns how many. Call it often. */
    public int forgetConfirmed() {
        List<Long> ids = new ArrayList<>();
        for (Long id = confirmed.poll(); id != null && ids.size() < 10 * BATCH; id = confirmed.poll()) {
            ids.add(id);
        }
        if (!ids.isEmpty()) {
            try {
                tx.run(() -> outbox.delete(ids));
            } catch (RuntimeException e) {
                confirmed.addAll(ids);
                throw e;
            }
        }
        return ids.size();
    }

    /** Confirmed outbox ids not deleted yet. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Long> confirmed = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static final int BATCH = 500;

    private static Message message(String type, String route, Instant at, String correlation, Map<String, Object> payload) {
        return new Message(UUID.randomUUID().toString(), type, route, at, correlation, payload);
    }
}
