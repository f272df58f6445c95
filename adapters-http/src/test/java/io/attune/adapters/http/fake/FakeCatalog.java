package io.attune.adapters.http.fake;

import io.attune.application.port.in.CatalogQueries;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.action.Action;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.pack.Pack;
import io.attune.domain.policy.Policy;
import io.attune.domain.rule.Rule;
import io.attune.domain.rule.criteria.Criteria;
import io.attune.domain.sensor.Sensor;
import io.attune.domain.trigger.Trigger;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.function.Predicate;

/** An in-memory catalog for the controller tests, seeded with a small core and demo pack; reset before each test. */
@Singleton
public final class FakeCatalog implements CatalogQueries {

    /** Asking for this action makes the catalog fail unexpectedly, as a broken database would. */
    public static final String EXPLODING_ACTION = "demo.explode";
    public static final String INTERNAL_DETAIL = "connection to 10.0.0.7:5432 refused by pg_hba.conf";
    /** Asking for this action waits too long for a database connection, as an exhausted pool makes it. */
    public static final String BUSY_ACTION = "demo.busy";
    public static final String POOL_TIMEOUT = "attune-api - Connection is not available, request timed out after 10000ms"
            + " (total=6, active=6, idle=0, waiting=12)";

    private final Map<String, Pack> packs = new ConcurrentSkipListMap<>();
    private final Map<String, Action> actions = new ConcurrentSkipListMap<>();
    private final Map<String, Trigger> triggers = new ConcurrentSkipListMap<>();
    private final Map<String, Sensor> sensors = new ConcurrentSkipListMap<>();
    private final Map<String, Rule> rules = new ConcurrentSkipListMap<>();
    private final Map<String, Policy> policies = new ConcurrentSkipListMap<>();

    public FakeCatalog() {
        reset();
    }

    public void reset() {
        packs.clear();
        actions.clear();
        triggers.clear();
        sensors.clear();
        rules.clear();
        policies.clear();
        add(packs, new Pack("core", "Core", "1.0.0", "Built-in actions and triggers", "/opt/attune/packs/core"), Pack::ref);
        add(packs, new Pack("demo", "Demo", "0.1.0", "A demonstration pack", "/opt/attune/packs/demo"), Pack::ref);
        add(actions, new Action(Ref.parse("core.echo"), "Echoes its message", RunnerType.INTERNAL, Optional.empty(),
                new ParameterSchema(Map.of("message", Map.of("type", "string"))), OutputFormat.TEXT, Optional.empty(),
                true), a -> a.ref().toString());
        add(actions, new Action(Ref.parse("core.local"), "Runs a shell command", RunnerType.SHELL, Optional.empty(),
                ParameterSchema.none(), OutputFormat.TEXT, Optional.of(60), true), a -> a.ref().toString());
        add(actions, new Action(Ref.parse("demo.greet"), "Greets someone", RunnerType.SHELL, Optional.of("greet.sh"),
                new ParameterSchema(Map.of(
                        "name", Map.of("type", "string", "required", true),
                        "token", Map.of("type", "string", "secret", true))),
                OutputFormat.JSON, Optional.of(30), true), a -> a.ref().toString());
        add(actions, new Action(Ref.parse("demo.report"), "Writes a report", RunnerType.PYTHON, Optional.of("report.py"),
                ParameterSchema.none(), OutputFormat.TEXT, Optional.empty(), false), a -> a.ref().toString());
        add(triggers, new Trigger(Ref.parse("core.intervaltimer"), "Fires every interval", Map.of(),
                Map.of("type", "object", "properties", Map.of("delta", Map.of("type", "integer")))),
                t -> t.ref().toString());
        add(triggers, new Trigger(Ref.parse("demo.alert"), "An alert",
                Map.of("type", "object", "properties", Map.of("severity", Map.of("type", "string"))), Map.of()),
                t -> t.ref().toString());
        add(sensors, new Sensor(Ref.parse("demo.watch"), "Watches alerts", RunnerType.PYTHON, "watch.py",
                List.of(Ref.parse("demo.alert")), Map.of("interval", 5), true), s -> s.ref().toString());
        add(rules, new Rule(Ref.parse("demo.on_alert"), "Greets on critical alerts", Ref.parse("demo.alert"), Map.of(),
                Criteria.fromMap(Map.of("trigger.severity", Map.of("type", "equals", "pattern", "critical"))),
                Ref.parse("demo.greet"), Map.of("name", "{{ trigger.host }}"), true, Rule.Origin.PACK),
                r -> r.ref().toString());
        add(rules, new Rule(Ref.parse("core.every_minute"), "", Ref.parse("core.intervaltimer"),
                Map.of("unit", "seconds", "delta", 60), Criteria.none(), Ref.parse("core.echo"),
                Map.of("message", "tick"), false, Rule.Origin.API), r -> r.ref().toString());
        add(policies, new Policy(Ref.parse("demo.greet_limit"), "", new Policy.ActionTarget(Ref.parse("demo.greet")),
                Optional.of(new Policy.Concurrency(2, Policy.ConcurrencyBehavior.DELAY, List.of("name"))),
                Optional.of(new Policy.RateLimit(100, 60, Policy.RateBehavior.DELAY)), true), p -> p.ref().toString());
        add(policies, new Policy(Ref.parse("core.global_rate"), "", new Policy.GlobalTarget(), Optional.empty(),
                Optional.of(new Policy.RateLimit(1000, 1, Policy.RateBehavior.REJECT)), true), p -> p.ref().toString());
        add(policies, new Policy(Ref.parse("demo.pack_cap"), "", new Policy.PackTarget("demo"),
                Optional.of(new Policy.Concurrency(10, Policy.ConcurrencyBehavior.CANCEL, List.of())), Optional.empty(),
                false), p -> p.ref().toString());
    }

    Map<String, Rule> ruleStore() {
        return rules;
    }

    Map<String, Pack> packStore() {
        return packs;
    }

    @Override
    public Page<Pack> packs(PageRequest page) {
        return Pages.of(List.copyOf(packs.values()), page);
    }

    @Override
    public Pack pack(String ref) {
        return found("pack", ref, packs);
    }

    @Override
    public Page<Action> actions(ComponentFilter filter, PageRequest page) {
        return list(actions, a -> filter.pack().map(a.pack()::equals).orElse(true)
                && filter.runner().map(a.runner().code()::equals).orElse(true), page);
    }

    @Override
    public Action action(Ref ref) {
        if (ref.toString().equals(EXPLODING_ACTION)) {
            throw new IllegalStateException(INTERNAL_DETAIL);
        }
        if (ref.toString().equals(BUSY_ACTION)) {
            // as Micronaut's transaction manager wraps Hikari's timeout
            throw new IllegalStateException("Failed to obtain JDBC Connection",
                    new java.sql.SQLTransientConnectionException(POOL_TIMEOUT));
        }
        return found("action", ref.toString(), actions);
    }

    @Override
    public Page<Trigger> triggers(ComponentFilter filter, PageRequest page) {
        return list(triggers, t -> filter.pack().map(t.ref().pack()::equals).orElse(true), page);
    }

    @Override
    public Trigger trigger(Ref ref) {
        return found("trigger", ref.toString(), triggers);
    }

    @Override
    public Page<Sensor> sensors(ComponentFilter filter, PageRequest page) {
        return list(sensors, s -> filter.pack().map(s.ref().pack()::equals).orElse(true)
                && filter.runner().map(s.runner().code()::equals).orElse(true), page);
    }

    @Override
    public Sensor sensor(Ref ref) {
        return found("sensor", ref.toString(), sensors);
    }

    @Override
    public Page<Rule> rules(RuleFilter filter, PageRequest page) {
        return list(rules, r -> filter.pack().map(r.ref().pack()::equals).orElse(true)
                && filter.trigger().map(r.trigger()::equals).orElse(true)
                && filter.action().map(r.action()::equals).orElse(true)
                && filter.enabled().map(e -> e == r.enabled()).orElse(true), page);
    }

    @Override
    public Rule rule(Ref ref) {
        return found("rule", ref.toString(), rules);
    }

    @Override
    public Page<Policy> policies(PolicyFilter filter, PageRequest page) {
        return list(policies, p -> filter.pack().map(p.ref().pack()::equals).orElse(true)
                && filter.action().map(p.target()::appliesTo).orElse(true), page);
    }

    @Override
    public Policy policy(Ref ref) {
        return found("policy", ref.toString(), policies);
    }

    private static <T> void add(Map<String, T> store, T item, Function<T, String> key) {
        store.put(key.apply(item), item);
    }

    private static <T> Page<T> list(Map<String, T> store, Predicate<T> filter, PageRequest page) {
        return Pages.of(new TreeMap<>(store).values().stream().filter(filter).toList(), page);
    }

    private static <T> T found(String kind, String ref, Map<String, T> store) {
        T item = store.get(ref);
        if (item == null) {
            throw new UseCaseException.NotFound(kind, ref);
        }
        return item;
    }
}
