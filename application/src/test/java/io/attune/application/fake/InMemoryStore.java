package io.attune.application.fake;

import io.attune.domain.action.Action;
import io.attune.domain.common.Ref;
import io.attune.domain.key.Key;
import io.attune.domain.pack.Pack;
import io.attune.domain.policy.Policy;
import io.attune.domain.rule.Rule;
import io.attune.domain.sensor.Sensor;
import io.attune.domain.trigger.Trigger;
import io.attune.domain.workflow.WorkflowSource;
import java.util.Map;
import java.util.TreeMap;

/**
 * The catalog's state, shared by the catalog fakes, so one transaction fake can snapshot and restore all of it.
 *
 * <p>The runtime fakes ({@link InMemoryExecutions}, {@link InMemoryOutbox}, {@link InMemoryWorkers},
 * {@link InMemoryAdmissionLedger}) keep their own state outside this snapshot: each of their calls is atomic, but a
 * transaction that fails afterwards does not undo it. No contract needs more (none of theirs rolls back a write, and a
 * ledger call that throws changes nothing), and the ledger's {@code AdmissionBook} offers no copy to restore. A test
 * that needs those writes undone must use the PostgreSQL adapter.
 */
public final class InMemoryStore {

    final Map<String, Pack> packs = new TreeMap<>();
    final Map<String, Action> actions = new TreeMap<>();
    final Map<String, Trigger> triggers = new TreeMap<>();
    final Map<String, Sensor> sensors = new TreeMap<>();
    final Map<String, Rule> rules = new TreeMap<>();
    final Map<String, Policy> policies = new TreeMap<>();
    final Map<String, Key> keys = new TreeMap<>();
    /** Workflow sources by action ref; an entry lives only as long as its action. */
    final Map<String, WorkflowSource> workflows = new TreeMap<>();
    /**
     * The catalog's version: a new value with every change of packs, actions, triggers, rules or policies, and with
     * every rollback (a rolled-back change is undone by a change, never by going back to an earlier version).
     */
    private final java.util.concurrent.atomic.AtomicLong catalogVersion = new java.util.concurrent.atomic.AtomicLong();

    record Snapshot(Map<String, Pack> packs, Map<String, Action> actions, Map<String, Trigger> triggers,
                    Map<String, Sensor> sensors, Map<String, Rule> rules, Map<String, Policy> policies,
                    Map<String, Key> keys, Map<String, WorkflowSource> workflows) {
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(new TreeMap<>(packs), new TreeMap<>(actions), new TreeMap<>(triggers),
                new TreeMap<>(sensors), new TreeMap<>(rules), new TreeMap<>(policies), new TreeMap<>(keys),
                new TreeMap<>(workflows));
    }

    synchronized void restore(Snapshot s) {
        catalogChanged();
        replace(packs, s.packs());
        replace(actions, s.actions());
        replace(triggers, s.triggers());
        replace(sensors, s.sensors());
        replace(rules, s.rules());
        replace(policies, s.policies());
        replace(keys, s.keys());
        replace(workflows, s.workflows());
    }

    public synchronized void clear() {
        catalogChanged();
        packs.clear();
        actions.clear();
        triggers.clear();
        sensors.clear();
        rules.clear();
        policies.clear();
        keys.clear();
        workflows.clear();
    }

    void catalogChanged() {
        catalogVersion.incrementAndGet();
    }

    long catalogVersion() {
        return catalogVersion.get();
    }

    static String key(Ref ref) {
        return ref.toString();
    }

    private static <V> void replace(Map<String, V> target, Map<String, V> source) {
        target.clear();
        target.putAll(source);
    }
}
