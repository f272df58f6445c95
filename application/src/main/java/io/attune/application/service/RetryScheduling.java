package io.attune.application.service;

import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.PolicyRepository;
import io.attune.domain.action.Action;
import io.attune.domain.execution.Execution;
import io.attune.domain.execution.RetrySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Makes the retry of an execution that ended as its action's {@code retry} (or else a policy's covering it) says, in the transaction that wrote the end
 * (so a crash loses neither the end nor its retry): a new execution linked to it, {@code requested} until its delay is
 * over, when {@link ExecutionService#admitDueRetries} admits it under the same policies as any request.
 *
 * <p>A workflow task's child is never retried here: its task has Orquesta's own {@code retry}, which the workflow
 * engine runs, and retrying the child too would run the action twice for one failure (and leave the engine waiting on
 * the first child). Every other execution is retried, whoever asked for it (the API, a rule, a retry), as StackStorm's
 * retry policy applies to any execution of its action.
 */
public final class RetryScheduling implements EndListener {

    private final ActionRepository actions;
    private final PolicyRepository policies;
    private final ExecutionRepository executions;
    private final Dispatch dispatch;
    private final Clock clock;

    public RetryScheduling(ActionRepository actions, PolicyRepository policies, ExecutionRepository executions,
                           Dispatch dispatch, Clock clock) {
        this.actions = actions;
        this.policies = policies;
        this.executions = executions;
        this.dispatch = dispatch;
        this.clock = clock;
    }

    @Override
    public void onEnded(Execution ended, Dispatch.Pending pending) {
        if (ended.task().isPresent() || !RetrySpec.RETRYABLE.contains(ended.status())) {
            return; // a success or a cancel is never retried: no need to look the action up
        }
        retryOf(ended).flatMap(retry -> retry.delayAfter(ended.status(), ended.attempt()))
                .ifPresent(delay -> {
                    Instant now = clock.instant();
                    Execution retry = executions.insert(ended.retried(now, now.plus(delay)));
                    dispatch.announce(retry, dispatch::runnerOf, now, pending);
                });
    }

    /**
     * The action's own retry; else that of the first enabled policy covering it (in ref order) that has one. One retry
     * applies, never several: a chain is counted against one {@code count}.
     */
    private Optional<RetrySpec> retryOf(Execution ended) {
        Optional<RetrySpec> own = actions.find(ended.action()).flatMap(Action::retry);
        if (own.isPresent()) {
            return own;
        }
        return policies.applicableTo(ended.action()).stream()
                .filter(p -> p.enabled() && p.target().appliesTo(ended.action()) && p.retry().isPresent())
                .sorted(java.util.Comparator.comparing(p -> p.ref().toString()))
                .map(p -> p.retry().orElseThrow()).findFirst();
    }
}
