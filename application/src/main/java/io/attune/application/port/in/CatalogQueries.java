package io.attune.application.port.in;

import io.attune.domain.action.Action;
import io.attune.domain.common.Ref;
import io.attune.domain.pack.Pack;
import io.attune.domain.policy.Policy;
import io.attune.domain.rule.Rule;
import io.attune.domain.sensor.Sensor;
import io.attune.domain.trigger.Trigger;
import java.util.Optional;

/** Read access to the installed catalog: packs and their components. Unknown refs throw NotFound. */
public interface CatalogQueries {

    Page<Pack> packs(PageRequest page);

    Pack pack(String ref);

    Page<Action> actions(ComponentFilter filter, PageRequest page);

    Action action(Ref ref);

    Page<Trigger> triggers(ComponentFilter filter, PageRequest page);

    Trigger trigger(Ref ref);

    Page<Sensor> sensors(ComponentFilter filter, PageRequest page);

    Sensor sensor(Ref ref);

    Page<Rule> rules(RuleFilter filter, PageRequest page);

    Rule rule(Ref ref);

    Page<Policy> policies(PolicyFilter filter, PageRequest page);

    Policy policy(Ref ref);

    /** Filters shared by actions, triggers and sensors; empty means any. */
    record ComponentFilter(Optional<String> pack, Optional<String> runner) {
        public ComponentFilter {
            pack = pack == null ? Optional.empty() : pack;
            runner = runner == null ? Optional.empty() : runner;
        }

        public static ComponentFilter any() {
            return new ComponentFilter(Optional.empty(), Optional.empty());
        }
    }

    /** Rule list filters; empty means any. */
    record RuleFilter(Optional<String> pack, Optional<Ref> trigger, Optional<Ref> action, Optional<Boolean> enabled) {
        public RuleFilter {
            pack = pack == null ? Optional.empty() : pack;
            trigger = trigger == null ? Optional.empty() : trigger;
            action = action == null ? Optional.empty() : action;
            enabled = enabled == null ? Optional.empty() : enabled;
        }

        public static RuleFilter any() {
            return new RuleFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** Policy list filters; empty means any. */
    record PolicyFilter(Optional<String> pack, Optional<Ref> action) {
        public PolicyFilter {
            pack = pack == null ? Optional.empty() : pack;
            action = action == null ? Optional.empty() : action;
        }

        public static PolicyFilter any() {
            return new PolicyFilter(Optional.empty(), Optional.empty());
        }
    }
}
