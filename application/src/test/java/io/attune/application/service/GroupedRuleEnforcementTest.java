package io.attune.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.RuleEnforcement;
import io.attune.domain.common.Ref;
import io.attune.domain.enforcement.Enforcement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Events that arrive together are enforced in one batch; one that fails is enforced alone and holds up no other. */
class GroupedRuleEnforcementTest {

    @Test
    void eventsThatArriveTogetherShareABatchAndAFailingOneHoldsUpNoOther() throws Exception {
        long poison = 100;
        Recording rules = new Recording(poison);
        List<Long> ids = new ArrayList<>();
        for (long i = 0; i < 200; i++) {
            ids.add(i);
        }
        try (GroupedRuleEnforcement grouped = new GroupedRuleEnforcement(rules, 2, 64);
             ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Enforcement>>> results = new ArrayList<>();
            for (long id : ids) {
                results.add(callers.submit(() -> {
                    go.await();
                    return grouped.enforce(id);
                }));
            }
            go.countDown();
            for (int i = 0; i < ids.size(); i++) {
                long id = ids.get(i);
                if (id == poison) {
                    assertThat(results.get(i)).failsWithin(java.time.Duration.ofSeconds(10));
                } else {
                    assertThat(results.get(i).get()).extracting(Enforcement::event).containsExactly(id);
                }
            }
        }
        assertThat(rules.enforced.stream().filter(id -> id != poison)).hasSize(199).doesNotHaveDuplicates();
        assertThat(rules.batches).anyMatch(size -> size > 1);
    }

    /** Writes one enforcement per event; a batch with the poison event, and the poison event alone, fail. */
    private static final class Recording implements RuleEnforcement {
        final Queue<Long> enforced = new ConcurrentLinkedQueue<>();
        final Queue<Integer> batches = new ConcurrentLinkedQueue<>();
        private final long poison;

        Recording(long poison) {
            this.poison = poison;
        }

        @Override
        public List<Enforcement> enforce(long event) {
            return enforceAll(List.of(event));
        }

        @Override
        public List<Enforcement> enforceAll(List<Long> events) {
            if (events.contains(poison)) {
                throw new IllegalStateException("event " + poison + " cannot be enforced");
            }
            batches.add(events.size());
            enforced.addAll(events);
            return events.stream().map(Recording::enforcement).toList();
        }

        private static Enforcement enforcement(long event) {
            return new Enforcement(event, Ref.parse("demo.rule"), event, Enforcement.Status.SUCCEEDED, Map.of(),
                    java.util.OptionalLong.empty(), java.util.Optional.empty(), java.time.Instant.EPOCH);
        }

        @Override
        public RuleTest test(String rule, Map<String, Object> payload) {
            throw new UnsupportedOperationException();
        }
    }
}
