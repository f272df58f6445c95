package io.attune.application.contract;

import io.attune.domain.action.Action;
import io.attune.domain.action.OutputFormat;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.pack.Pack;
import io.attune.domain.pack.PackContent;
import io.attune.domain.policy.Policy;
import io.attune.domain.rule.Rule;
import io.attune.domain.rule.criteria.Criteria;
import io.attune.domain.sensor.Sensor;
import io.attune.domain.trigger.Trigger;
import io.attune.domain.workflow.WorkflowSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Catalog values for the contract tests: small, valid, and with every field set to something other than its default. */
public final class CatalogSamples {

    private CatalogSamples() {
    }

    public static Ref ref(String ref) {
        return Ref.parse(ref);
    }

    public static Pack pack(String ref) {
        return new Pack(ref, ref + " label", "1.0.0", "the " + ref + " pack", "/var/lib/attune/packs/" + ref);
    }

    /** A shell action with an entry point, parameters, JSON output and a timeout. */
    public static Action action(String ref) {
        return action(ref, RunnerType.SHELL);
    }

    public static Action action(String ref, RunnerType runner) {
        Map<String, Map<String, Object>> parameters = new LinkedHashMap<>();
        parameters.put("name", Map.of("type", "string", "required", true, "description", "whom to greet"));
        parameters.put("token", Map.of("type", "string", "secret", true));
        parameters.put("times", Map.of("type", "integer", "default", 1, "minimum", 1));
        parameters.put("tags", Map.of("type", "array", "items", Map.of("type", "string"), "default", List.of("a", "b")));
        return new Action(ref(ref), "runs " + ref, runner, Optional.of("scripts/" + ref(ref).name() + ".sh"),
                new ParameterSchema(parameters), OutputFormat.JSON, Optional.of(30), true);
    }

    /** A workflow action whose graph is in {@code actions/workflows/<name>.yaml}. */
    public static Action workflowAction(String ref) {
        return new Action(ref(ref), "orchestrates " + ref, RunnerType.WORKFLOW,
                Optional.of("workflows/" + ref(ref).name() + ".yaml"), ParameterSchema.none(), OutputFormat.JSON,
                Optional.empty(), true);
    }

    /** An action with every optional field absent. */
    public static Action bareAction(String ref) {
        return new Action(ref(ref), "", RunnerType.INTERNAL, Optional.empty(), ParameterSchema.none(), OutputFormat.TEXT,
                Optional.empty(), false);
    }

    public static Trigger trigger(String ref) {
        Map<String, Object> payload = Map.of("type", "object",
                "properties", Map.of("host", Map.of("type", "string"), "severity", Map.of("enum", List.of("low", "critical"))),
                "required", List.of("host"));
        Map<String, Object> parameters = Map.of("type", "object", "properties", Map.of("delta", Map.of("type", "integer")));
        return new Trigger(ref(ref), "fires " + ref, payload, parameters);
    }

    public static Sensor sensor(String ref, RunnerType runner, String... triggers) {
        return new Sensor(ref(ref), "watches for " + ref, runner, "sensors/" + ref(ref).name() + ".py",
                Arrays.stream(triggers).map(Ref::parse).toList(),
                Map.of("poll_interval", 10, "endpoints", List.of("https://a.example", "https://b.example"), "verbose", false),
                true);
    }

    /**
     * A rule whose criteria are deliberately in neither alphabetical nor length order (criteria are checked in order,
     * and the order must survive storage).
     */
    public static Rule rule(String ref, String trigger, String action, Rule.Origin origin) {
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("trigger.severity", Map.of("type", "equals", "pattern", "critical"));
        criteria.put("trigger.a", Map.of("type", "exists"));
        criteria.put("trigger.host.name", Map.of("type", "regex", "pattern", "^web-[0-9]+$"));
        criteria.put("trigger.count", Map.of("type", "greaterthan", "pattern", 3));
        criteria.put("trigger.zone", Map.of("type", "in", "pattern", List.of("eu", "us")));
        Map<String, Object> actionParameters = new LinkedHashMap<>();
        actionParameters.put("name", "{{ trigger.host.name }}");
        actionParameters.put("times", 2);
        actionParameters.put("ratio", 0.5);
        actionParameters.put("nested", Map.of("list", List.of(1, "two", true), "flag", false));
        actionParameters.put("nothing", null);
        return new Rule(ref(ref), "when " + trigger + " then " + action, ref(trigger), Map.of("delta", 10, "unit", "seconds"),
                Criteria.fromMap(criteria), ref(action), actionParameters, true, origin);
    }

    /** A rule with no criteria, no parameters, disabled. */
    public static Rule bareRule(String ref, String trigger, String action, Rule.Origin origin) {
        return new Rule(ref(ref), "", ref(trigger), Map.of(), Criteria.none(), ref(action), Map.of(), false, origin);
    }

    public static Policy actionPolicy(String ref, String action) {
        return new Policy(ref(ref), "limits " + action, new Policy.ActionTarget(ref(action)),
                Optional.of(new Policy.Concurrency(2, Policy.ConcurrencyBehavior.DELAY, List.of("name", "host"))),
                Optional.of(new Policy.RateLimit(100, 60, Policy.RateBehavior.REJECT)), true);
    }

    public static Policy packPolicy(String ref, String pack) {
        return new Policy(ref(ref), "limits pack " + pack, new Policy.PackTarget(pack), Optional.empty(),
                Optional.of(new Policy.RateLimit(5, 1, Policy.RateBehavior.DELAY)), true);
    }

    public static Policy globalPolicy(String ref) {
        return new Policy(ref(ref), "", new Policy.GlobalTarget(),
                Optional.of(new Policy.Concurrency(10, Policy.ConcurrencyBehavior.CANCEL, List.of())), Optional.empty(), true);
    }

    public static Policy disabled(Policy policy) {
        return new Policy(policy.ref(), policy.description(), policy.target(), policy.concurrency(), policy.rateLimit(), false);
    }

    /** Starts the content of a pack. */
    public static ContentBuilder content(String pack) {
        return new ContentBuilder(pack(pack));
    }

    /** Assembles a pack's content from components of any kind. */
    public static final class ContentBuilder {
        private final Pack pack;
        private final List<Action> actions = new ArrayList<>();
        private final List<Trigger> triggers = new ArrayList<>();
        private final List<Sensor> sensors = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>();
        private final List<Policy> policies = new ArrayList<>();
        private final Map<Ref, WorkflowSource> workflows = new LinkedHashMap<>();

        private ContentBuilder(Pack pack) {
            this.pack = pack;
        }

        public ContentBuilder with(Object... components) {
            for (Object component : components) {
                switch (component) {
                    case Action a -> actions.add(a);
                    case Trigger t -> triggers.add(t);
                    case Sensor s -> sensors.add(s);
                    case Rule r -> rules.add(r);
                    case Policy p -> policies.add(p);
                    default -> throw new IllegalArgumentException("not a pack component: " + component);
                }
            }
            return this;
        }

        /** The source of a workflow action added with {@link #with}. */
        public ContentBuilder workflow(String action, WorkflowSource source) {
            workflows.put(ref(action), source);
            return this;
        }

        public PackContent build() {
            return new PackContent(pack, actions, triggers, sensors, rules, policies, Map.of(), workflows);
        }

        public PackContent build(Pack withPack) {
            return new PackContent(withPack, actions, triggers, sensors, rules, policies, Map.of(), workflows);
        }
    }
}
