package io.attune.adapters.amqp;

import io.attune.application.port.in.RuleEnforcement;
import io.attune.domain.enforcement.Enforcement;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A rules engine that records the events the broker delivered to it. */
@jakarta.inject.Singleton
public class RecordingRuleEnforcement implements RuleEnforcement {

    final Queue<Long> events = new ConcurrentLinkedQueue<>();

    @Override
    public List<Enforcement> enforce(long event) {
        events.add(event);
        return List.of();
    }

    @Override
    public RuleTest test(String rule, Map<String, Object> payload) {
        throw new UnsupportedOperationException("not used by the broker");
    }

    List<Long> enforcementsOf(long event) {
        return events.stream().filter(id -> id == event).toList();
    }
}
