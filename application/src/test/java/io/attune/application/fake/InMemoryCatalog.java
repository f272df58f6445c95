package io.attune.application.fake;

import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.CatalogQueries.PolicyFilter;
import io.attune.application.port.in.CatalogQueries.RuleFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.CatalogVersion;
import io.attune.application.port.out.KeyRepository;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.PolicyRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.SensorRepository;
import io.attune.application.port.out.TriggerRepository;
import io.attune.application.port.out.WorkflowDefinitions;
import io.attune.domain.action.Action;
import io.attune.domain.common.Ref;
import io.attune.domain.key.Key;
import io.attune.domain.key.KeyScope;
import io.attune.domain.pack.Pack;
import io.attune.domain.pack.PackContent;
import io.attune.domain.policy.Policy;
import io.attune.domain.rule.Rule;
import io.attune.domain.sensor.Sensor;
import io.attune.domain.trigger.Trigger;
import io.attune.domain.workflow.WorkflowSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** In-memory fakes of every catalog repository, for application tests; held to the same contracts as PostgreSQL. */
public final class InMemoryCatalog implements PackRepository, ActionRepository, KeyRepository {

    private final InMemoryStore store;

    public InMemoryCatalog(InMemoryStore store) {
        this.store = store;
    }

    // --- packs

    @Override
    public synchronized List<String> replace(PackContent content) {
        store.catalogChanged();
        String pack = content.pack().ref();
        List<String> retired = new ArrayList<>();
        retired.addAll(retire(store.actions, pack, content.actions(), Action::ref, a -> true));
        retired.addAll(retire(store.triggers, pack, content.triggers(), Trigger::ref, t -> true));
        retired.addAll(retire(store.sensors, pack, content.sensors(), Sensor::ref, s -> true));
        retired.addAll(retire(store.rules, pack, content.rules(), Rule::ref, r -> r.origin() == Rule.Origin.PACK));
        retired.addAll(retire(store.policies, pack, content.policies(), Policy::ref, p -> true));
        store.packs.put(pack, content.pack());
        content.actions().forEach(a -> store.actions.put(a.ref().toString(), a));
        content.triggers().forEach(t -> store.triggers.put(t.ref().toString(), t));
        content.sensors().forEach(s -> store.sensors.put(s.ref().toString(), s));
        content.rules().forEach(r -> store.rules.put(r.ref().toString(), r));
        content.policies().forEach(p -> store.policies.put(p.ref().toString(), p));
        store.workflows.keySet().removeIf(ref -> ref.startsWith(pack + "."));
        content.workflows().forEach((ref, source) -> store.workflows.put(ref.toString(), source));
        return retired.stream().sorted().toList();
    }

    private static <T> List<String> retire(Map<String, T> map, String pack, Collection<T> keep, Function<T, Ref> ref,
                                           Predicate<T> retirable) {
        Set<String> kept = keep.stream().map(t -> ref.apply(t).toString()).collect(Collectors.toSet());
        List<String> gone = map.values().stream()
                .filter(t -> ref.apply(t).pack().equals(pack) && retirable.test(t) && !kept.contains(ref.apply(t).toString()))
                .map(t -> ref.apply(t).toString())
                .toList();
        gone.forEach(map::remove);
        return gone;
    }

    @Override
    public synchronized Optional<Pack> find(String ref) {
        return Optional.ofNullable(store.packs.get(ref));
    }

    @Override
    public synchronized Page<Pack> list(PageRequest page) {
        return page(store.packs.values(), p -> true, page);
    }

    @Override
    public synchronized boolean delete(String ref) {
        if (store.packs.remove(ref) == null) {
            return false;
        }
        store.catalogChanged();
        Predicate<String> ofPack = k -> k.startsWith(ref + ".");
        store.actions.keySet().removeIf(ofPack);
        store.workflows.keySet().removeIf(ofPack);
        store.triggers.keySet().removeIf(ofPack);
        store.sensors.keySet().removeIf(ofPack);
        store.rules.keySet().removeIf(ofPack);
        store.policies.keySet().removeIf(ofPack);
        store.keys.values().removeIf(k -> k.scope().equals(new KeyScope.Pack(ref)));
        return true;
    }

    // --- actions, triggers, sensors

    @Override
    public synchronized Optional<Action> find(Ref ref) {
        return Optional.ofNullable(store.actions.get(ref.toString()));
    }

    @Override
    public synchronized Page<Action> list(ComponentFilter filter, PageRequest page) {
        return page(store.actions.values(), a -> filter.pack().map(p -> p.equals(a.pack())).orElse(true)
                && filter.runner().map(r -> r.equals(a.runner().code())).orElse(true), page);
    }

    /** Workflow sources (the Java overload of find is taken by actions). */
    public WorkflowDefinitions workflows() {
        InMemoryCatalog self = this;
        return action -> {
            synchronized (self) {
                return Optional.ofNullable(store.workflows.get(action.toString()));
            }
        };
    }

    /** Trigger lookups (the Java overloads of find/list are taken by actions). */
    public TriggerRepository triggers() {
        InMemoryCatalog self = this;
        return new TriggerRepository() {
            @Override
            public Optional<Trigger> find(Ref ref) {
                synchronized (self) {
                    return Optional.ofNullable(store.triggers.get(ref.toString()));
                }
            }

            @Override
            public Page<Trigger> list(ComponentFilter filter, PageRequest page) {
                synchronized (self) {
                    return page(store.triggers.values(),
                            t -> filter.pack().map(p -> p.equals(t.ref().pack())).orElse(true), page);
                }
            }
        };
    }

    /**
     * The catalog's version: every change moves it at once, visible to the transaction that made it too (the fakes
     * have no isolation), so a cache filled before the change is never used after it, in that transaction or later.
     */
    public CatalogVersion version() {
        return () -> OptionalLong.of(store.catalogVersion());
    }

    /** Sensor lookups. */
    public SensorRepository sensors() {
        InMemoryCatalog self = this;
        return new SensorRepository() {
            @Override
            public Optional<Sensor> find(Ref ref) {
                synchronized (self) {
                    return Optional.ofNullable(store.sensors.get(ref.toString()));
                }
            }

            @Override
            public Page<Sensor> list(ComponentFilter filter, PageRequest page) {
                synchronized (self) {
                    return page(store.sensors.values(), s -> filter.pack().map(p -> p.equals(s.ref().pack())).orElse(true)
                            && filter.runner().map(r -> r.equals(s.runner().code())).orElse(true), page);
                }
            }
        };
    }

    /** Rule storage. */
    public RuleRepository rules() {
        InMemoryCatalog self = this;
        return new RuleRepository() {
            @Override
            public Optional<Rule> find(Ref ref) {
                synchronized (self) {
                    return Optional.ofNullable(store.rules.get(ref.toString()));
                }
            }

            @Override
            public List<Rule> enabledOn(Ref trigger) {
                synchronized (self) {
                    return store.rules.values().stream().filter(r -> r.enabled() && r.trigger().equals(trigger)).toList();
                }
            }

            @Override
            public Page<Rule> list(RuleFilter filter, PageRequest page) {
                synchronized (self) {
                    return page(store.rules.values(), r -> filter.pack().map(p -> p.equals(r.ref().pack())).orElse(true)
                            && filter.trigger().map(t -> t.equals(r.trigger())).orElse(true)
                            && filter.action().map(a -> a.equals(r.action())).orElse(true)
                            && filter.enabled().map(e -> e == r.enabled()).orElse(true), page);
                }
            }

            @Override
            public boolean insert(Rule rule) {
                synchronized (self) {
                    store.catalogChanged();
                    return store.rules.putIfAbsent(rule.ref().toString(), rule) == null;
                }
            }

            @Override
            public boolean update(Rule rule) {
                synchronized (self) {
                    store.catalogChanged();
                    return store.rules.replace(rule.ref().toString(), rule) != null;
                }
            }

            @Override
            public boolean delete(Ref ref) {
                synchronized (self) {
                    store.catalogChanged();
                    return store.rules.remove(ref.toString()) != null;
                }
            }
        };
    }

    /** Policy storage. */
    public PolicyRepository policies() {
        InMemoryCatalog self = this;
        return new PolicyRepository() {
            @Override
            public Optional<Policy> find(Ref ref) {
                synchronized (self) {
                    return Optional.ofNullable(store.policies.get(ref.toString()));
                }
            }

            @Override
            public Page<Policy> list(PolicyFilter filter, PageRequest page) {
                synchronized (self) {
                    return page(store.policies.values(), p -> filter.pack().map(k -> k.equals(p.ref().pack())).orElse(true)
                            && filter.action().map(a -> p.target().appliesTo(a)).orElse(true), page);
                }
            }

            @Override
            public List<Policy> applicableTo(Ref action) {
                synchronized (self) {
                    return store.policies.values().stream()
                            .filter(p -> p.enabled() && p.target().appliesTo(action))
                            .toList();
                }
            }
        };
    }

    // --- keys

    @Override
    public synchronized Optional<Key> find(String name, KeyScope scope) {
        return Optional.ofNullable(store.keys.get(keyId(name, scope)));
    }

    @Override
    public synchronized Page<Key> list(Optional<KeyScope> scope, Optional<String> namePrefix, PageRequest page) {
        List<Key> sorted = store.keys.values().stream()
                .sorted(Comparator.comparing((Key k) -> k.scope().code()).thenComparing(Key::name))
                .toList();
        return page(sorted, k -> scope.map(s -> s.equals(k.scope())).orElse(true)
                && namePrefix.map(p -> k.name().startsWith(p)).orElse(true), page);
    }

    @Override
    public synchronized void put(Key key) {
        store.keys.put(keyId(key.name(), key.scope()), key);
    }

    @Override
    public synchronized boolean delete(String name, KeyScope scope) {
        return store.keys.remove(keyId(name, scope)) != null;
    }

    private static String keyId(String name, KeyScope scope) {
        return scope.code() + "\u0000" + name;
    }

    private static <T> Page<T> page(Collection<T> all, Predicate<T> filter, PageRequest page) {
        List<T> matching = all.stream().filter(filter).toList();
        List<T> slice = matching.stream().skip(page.offset()).limit(page.limit()).toList();
        return new Page<>(slice, matching.size(), page.limit(), page.offset());
    }
}
