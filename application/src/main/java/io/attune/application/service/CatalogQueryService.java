package io.attune.application.service;

import io.attune.application.port.in.CatalogQueries;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.PolicyRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.SensorRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.TriggerRepository;
import io.attune.domain.action.Action;
import io.attune.domain.common.Ref;
import io.attune.domain.pack.Pack;
import io.attune.domain.policy.Policy;
import io.attune.domain.rule.Rule;
import io.attune.domain.sensor.Sensor;
import io.attune.domain.trigger.Trigger;
import java.util.Optional;
import java.util.function.Supplier;

/** Answers catalog reads from the repositories, each in a read-only transaction. */
public final class CatalogQueryService implements CatalogQueries {

    private final PackRepository packs;
    private final ActionRepository actions;
    private final TriggerRepository triggers;
    private final SensorRepository sensors;
    private final RuleRepository rules;
    private final PolicyRepository policies;
    private final TransactionRunner tx;

    public CatalogQueryService(PackRepository packs, ActionRepository actions, TriggerRepository triggers,
                               SensorRepository sensors, RuleRepository rules, PolicyRepository policies,
                               TransactionRunner tx) {
        this.packs = packs;
        this.actions = actions;
        this.triggers = triggers;
        this.sensors = sensors;
        this.rules = rules;
        this.policies = policies;
        this.tx = tx;
    }

    @Override
    public Page<Pack> packs(PageRequest page) {
        return tx.readOnly(() -> packs.list(page));
    }

    @Override
    public Pack pack(String ref) {
        return found("pack", ref, () -> packs.find(ref));
    }

    @Override
    public Page<Action> actions(ComponentFilter filter, PageRequest page) {
        return tx.readOnly(() -> actions.list(filter, page));
    }

    @Override
    public Action action(Ref ref) {
        return found("action", ref.toString(), () -> actions.find(ref));
    }

    @Override
    public Page<Trigger> triggers(ComponentFilter filter, PageRequest page) {
        return tx.readOnly(() -> triggers.list(filter, page));
    }

    @Override
    public Trigger trigger(Ref ref) {
        return found("trigger", ref.toString(), () -> triggers.find(ref));
    }

    @Override
    public Page<Sensor> sensors(ComponentFilter filter, PageRequest page) {
        return tx.readOnly(() -> sensors.list(filter, page));
    }

    @Override
    public Sensor sensor(Ref ref) {
        return found("sensor", ref.toString(), () -> sensors.find(ref));
    }

    @Override
    public Page<Rule> rules(RuleFilter filter, PageRequest page) {
        return tx.readOnly(() -> rules.list(filter, page));
    }

    @Override
    public Rule rule(Ref ref) {
        return found("rule", ref.toString(), () -> rules.find(ref));
    }

    @Override
    public Page<Policy> policies(PolicyFilter filter, PageRequest page) {
        return tx.readOnly(() -> policies.list(filter, page));
    }

    @Override
    public Policy policy(Ref ref) {
        return found("policy", ref.toString(), () -> policies.find(ref));
    }

    private <T> T found(String kind, String id, Supplier<Optional<T>> lookup) {
        return tx.readOnly(lookup).orElseThrow(() -> new UseCaseException.NotFound(kind, id));
    }
}
