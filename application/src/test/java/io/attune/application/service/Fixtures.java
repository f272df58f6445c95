package io.attune.application.service;

import io.attune.domain.action.Action;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.pack.Pack;
import io.attune.domain.policy.Policy;
import io.attune.domain.rule.Rule;
import io.attune.domain.rule.criteria.Criteria;
import io.attune.domain.trigger.Trigger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small builders of domain objects for service tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** Idempotency-Keys in memory, kept a day. */
    static IdempotencyService idempotency(io.attune.application.port.out.TransactionRunner tx, java.time.Clock clock) {
        return new IdempotencyService(new io.attune.application.fake.InMemoryIdempotencyKeys(), tx, clock,
                java.time.Duration.ofHours(24));
    }

    /** The one way an execution ends, with no listeners. */
    static ExecutionEnding ending(io.attune.application.port.out.ExecutionRepository executions,
                                  io.attune.application.port.out.AdmissionLedger ledger, Dispatch dispatch,
                                  io.attune.application.port.out.TransactionRunner tx, java.time.Clock clock) {
        return new ExecutionEnding(executions, ledger, dispatch, tx, clock, List.of());
    }

    static Pack pack(String ref) {
        return new Pack(ref, ref, "1.0.0", "", "/packs/" + ref);
    }

    static Action action(String ref) {
        return new Action(Ref.parse(ref), "", RunnerType.SHELL, Optional.of("run.sh"),
                new ParameterSchema(Map.of("name", Map.of("type", "string"))), OutputFormat.TEXT, Optional.empty(), true);
    }

    static Trigger trigger(String ref) {
        return new Trigger(Ref.parse(ref), "", Map.of(), Map.of());
    }

    static Trigger timer(String ref) {
        return new Trigger(Ref.parse(ref), "", Map.of(), Map.of("type", "object", "required", List.of("delta"),
                "properties", Map.of("delta", Map.of("type", "integer"))));
    }

    static Rule rule(String ref, String trigger, String action, Rule.Origin origin) {
        return new Rule(Ref.parse(ref), "", Ref.parse(trigger), Map.of(), Criteria.none(), Ref.parse(action),
                Map.of(), true, origin);
    }

    static Policy limit(String ref, String action, int limit) {
        return new Policy(Ref.parse(ref), "", new Policy.ActionTarget(Ref.parse(action)),
                Optional.of(new Policy.Concurrency(limit, Policy.ConcurrencyBehavior.DELAY, List.of())), Optional.empty(), true);
    }
}
