package io.attune.application.service;

import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.CatalogQueries.PolicyFilter;
import io.attune.application.port.in.CatalogQueries.RuleFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.CatalogVersion;
import io.attune.application.port.out.PolicyRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.TriggerRepository;
import io.attune.domain.action.Action;
import io.attune.domain.common.Ref;
import io.attune.domain.policy.Policy;
import io.attune.domain.rule.Rule;
import io.attune.domain.trigger.Trigger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The catalog as every execution looks it up (actions and triggers by ref, the enabled policies of an action, rules by
 * ref and the enabled rules on a trigger), kept in memory: repositories in front of the stored ones that answer those
 * lookups from what they read before, as long as the catalog has not changed since.
 *
 * <p>Each lookup asks {@link CatalogVersion} which version of the catalog its transaction sees (one read per
 * transaction) and uses only what was read at that version; a new version starts an empty cache. A change committed
 * through any instance is therefore seen by the next transaction of every instance, and what a transaction reads is
 * never older than the version it saw. A transaction that has written the catalog itself reads the repositories.
 * Everything else (lists, writes) goes straight to the stored repositories. Lookups that find nothing are not kept, so
 * the cache holds at most the catalog itself.
 */
public final class CatalogCache {

    private final CatalogVersion version;
    private final ActionRepository actions;
    private final TriggerRepository triggers;
    private final RuleRepository rules;
    private final PolicyRepository policies;
    private final AtomicReference<Snapshot> current = new AtomicReference<>(new Snapshot(OptionalLong.empty()));

    public CatalogCache(CatalogVersion version, ActionRepository actions, TriggerRepository triggers,
                        RuleRepository rules, PolicyRepository policies) {
        this.version = version;
        this.actions = actions;
        this.triggers = triggers;
        this.rules = rules;
        this.policies = policies;
    }

    /** What was read at one version of the catalog. */
    private static final class Snapshot {
        private final OptionalLong version;
        private final Map<Ref, Action> actions = new ConcurrentHashMap<>();
        private final Map<Ref, Trigger> triggers = new ConcurrentHashMap<>();
        private final Map<Ref, Rule> rules = new ConcurrentHashMap<>();
        private final Map<Ref, List<Rule>> enabledRules = new ConcurrentHashMap<>();
        private final Map<Ref, List<Policy>> policies = new ConcurrentHashMap<>();

        Snapshot(OptionalLong version) {
            this.version = version;
        }
    }

    /** The snapshot of the version the current transaction sees; empty when it must read the stored catalog. */
    private Optional<Snapshot> snapshot() {
        OptionalLong seen = version.current();
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        Snapshot latest = current.get();
        if (latest.version.equals(seen)) {
            return Optional.of(latest);
        }
        // transactions that saw different versions (one started before a change, one after) may replace each other's
        // snapshot: each still uses the one of its own version, so only the sharing is lost while they overlap
        Snapshot fresh = new Snapshot(seen);
        current.set(fresh);
        return Optional.of(fresh);
    }

    /**
     * {@code key}'s value in the snapshot's map, loaded on a miss. Not computeIfAbsent: the load is a database read,
     * which must not run under the map's lock; two transactions that miss at once both read, and one value stays.
     */
    private <K, V> Optional<V> cached(Function<Snapshot, Map<K, V>> map, K key, Function<K, Optional<V>> load) {
        Optional<Snapshot> snapshot = snapshot();
        if (snapshot.isEmpty()) {
            return load.apply(key);
        }
        Map<K, V> values = map.apply(snapshot.get());
        V hit = values.get(key);
        if (hit != null) {
            return Optional.of(hit);
        }
        Optional<V> loaded = load.apply(key);
        loaded.ifPresent(v -> values.putIfAbsent(key, v));
        return loaded;
    }

    /** Actions: {@code find} cached. */
    public ActionRepository actions() {
        return new ActionRepository() {
            @Override
            public Optional<Action> find(Ref ref) {
                return cached(s -> s.actions, ref, actions::find);
            }

            @Override
            public Page<Action> list(ComponentFilter filter, PageRequest page) {
                return actions.list(filter, page);
            }
        };
    }

    /** Triggers: {@code find} cached. */
    public TriggerRepository triggers() {
        return new TriggerRepository() {
            @Override
            public Optional<Trigger> find(Ref ref) {
                return cached(s -> s.triggers, ref, triggers::find);
            }

            @Override
            public Page<Trigger> list(ComponentFilter filter, PageRequest page) {
                return triggers.list(filter, page);
            }
        };
    }

    /** Rules: {@code find} and {@code enabledOn} cached. */
    public RuleRepository rules() {
        return new RuleRepository() {
            @Override
            public Optional<Rule> find(Ref ref) {
                return cached(s -> s.rules, ref, rules::find);
            }

            @Override
            public List<Rule> enabledOn(Ref trigger) {
                return cached(s -> s.enabledRules, trigger, t -> Optional.of(List.copyOf(rules.enabledOn(t))))
                        .orElseThrow();
            }

            @Override
            public Page<Rule> list(RuleFilter filter, PageRequest page) {
                return rules.list(filter, page);
            }

            @Override
            public boolean insert(Rule rule) {
                return rules.insert(rule);
            }

            @Override
            public boolean update(Rule rule) {
                return rules.update(rule);
            }

            @Override
            public boolean delete(Ref ref) {
                return rules.delete(ref);
            }
        };
    }

    /** Policies: {@code applicableTo} cached. */
    public PolicyRepository policies() {
        return new PolicyRepository() {
            @Override
            public Optional<Policy> find(Ref ref) {
                return policies.find(ref);
            }

            @Override
            public Page<Policy> list(PolicyFilter filter, PageRequest page) {
                return policies.list(filter, page);
            }

            @Override
            public List<Policy> applicableTo(Ref action) {
                return cached(s -> s.policies, action, a -> Optional.of(List.copyOf(policies.applicableTo(a))))
                        .orElseThrow();
            }
        };
    }
}
