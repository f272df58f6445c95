package io.attune.application.service;

import io.attune.application.port.in.RuleEnforcement;
import io.attune.domain.enforcement.Enforcement;
import java.util.List;
import java.util.Map;

/**
 * Events enforced by group commit ({@link GroupCommit}): events that arrive together (from the broker or handed over
 * in memory) are matched in one transaction, with one commit and one round of messages. A batch that fails is enforced
 * event by event, so one event that cannot be enforced holds up no other and its caller sees its own failure.
 */
public final class GroupedRuleEnforcement implements RuleEnforcement, AutoCloseable {

    private final RuleEnforcement rules;
    private final GroupCommit<Long, List<Enforcement>> events;

    public GroupedRuleEnforcement(RuleEnforcement rules, int committers, int maxBatch) {
        this.rules = rules;
        this.events = new GroupCommit<>("attune-rules", committers, maxBatch, this::enforceBatch, rules::enforce);
    }

    @Override
    public List<Enforcement> enforce(long event) {
        return events.submit(event);
    }

    @Override
    public List<Enforcement> enforceAll(List<Long> batch) {
        return rules.enforceAll(batch);
    }

    @Override
    public RuleTest test(String rule, Map<String, Object> payload) {
        return rules.test(rule, payload);
    }

    private List<GroupCommit.Outcome<List<Enforcement>>> enforceBatch(List<Long> batch) {
        List<Enforcement> written = rules.enforceAll(batch);
        return batch.stream().<GroupCommit.Outcome<List<Enforcement>>>map(event -> new GroupCommit.Outcome.Done<>(
                written.stream().filter(e -> e.event() == event).toList())).toList();
    }

    @Override
    public void close() {
        events.close();
    }
}
