package io.attune.domain.pack;

import io.attune.domain.action.Action;
import io.attune.domain.action.RunnerType;
import io.attune.domain.common.Ref;
import io.attune.domain.policy.Policy;
import io.attune.domain.rule.Rule;
import io.attune.domain.sensor.Sensor;
import io.attune.domain.trigger.Trigger;
import io.attune.domain.workflow.WorkflowSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;

/**
 * Everything a pack holds, read and validated, ready to be installed in one piece. {@code workflows} holds the YAML of
 * each workflow action (by the action's ref), stored with the action.
 */
public record PackContent(Pack pack, List<Action> actions, List<Trigger> triggers, List<Sensor> sensors,
                          List<Rule> rules, List<Policy> policies, Map<String, String> files,
                          Map<Ref, WorkflowSource> workflows) {

    /** Content without workflow sources. */
    public PackContent(Pack pack, List<Action> actions, List<Trigger> triggers, List<Sensor> sensors,
                       List<Rule> rules, List<Policy> policies, Map<String, String> files) {
        this(pack, actions, triggers, sensors, rules, policies, files, Map.of());
    }

    /** Content without a record of the files components came from. */
    public PackContent(Pack pack, List<Action> actions, List<Trigger> triggers, List<Sensor> sensors,
                       List<Rule> rules, List<Policy> policies) {
        this(pack, actions, triggers, sensors, rules, policies, Map.of(), Map.of());
    }

    public PackContent {
        Objects.requireNonNull(pack, "pack");
        actions = List.copyOf(actions);
        triggers = List.copyOf(triggers);
        sensors = List.copyOf(sensors);
        rules = List.copyOf(rules);
        policies = List.copyOf(policies);
        files = Map.copyOf(files == null ? Map.of() : files);
        workflows = Map.copyOf(workflows == null ? Map.of() : workflows);
        for (Ref ref : workflows.keySet()) {
            boolean workflowAction = actions.stream().anyMatch(a -> a.ref().equals(ref) && a.runner() == RunnerType.WORKFLOW);
            if (!workflowAction) {
                throw new IllegalArgumentException("workflow source for '" + ref
                        + "', which is not a workflow action of pack '" + pack.ref() + "'");
            }
        }
        for (var ref : actions.stream().map(Action::ref).toList()) {
            requireOwn(pack, ref.pack(), ref.toString());
        }
        for (var ref : triggers.stream().map(Trigger::ref).toList()) {
            requireOwn(pack, ref.pack(), ref.toString());
        }
        for (var ref : sensors.stream().map(Sensor::ref).toList()) {
            requireOwn(pack, ref.pack(), ref.toString());
        }
        for (var ref : rules.stream().map(Rule::ref).toList()) {
            requireOwn(pack, ref.pack(), ref.toString());
        }
        for (var ref : policies.stream().map(Policy::ref).toList()) {
            requireOwn(pack, ref.pack(), ref.toString());
        }
    }

    /** The file (relative to the pack directory) a component was read from, when known. */
    public Optional<String> fileOf(Object ref) {
        return Optional.ofNullable(files.get(String.valueOf(ref)));
    }

    /** The same content with the files its components came from (ref to path relative to the pack directory). */
    public PackContent withFiles(Map<String, String> refToFile) {
        return new PackContent(pack, actions, triggers, sensors, rules, policies, refToFile, workflows);
    }

    /** The YAML of a workflow action, when the pack holds it. */
    public Optional<WorkflowSource> workflowOf(Ref action) {
        return Optional.ofNullable(workflows.get(action));
    }

    private static void requireOwn(Pack pack, String refPack, String ref) {
        if (!pack.ref().equals(refPack)) {
            throw new IllegalArgumentException("ref '" + ref + "' does not belong to pack '" + pack.ref() + "'");
        }
    }
}
