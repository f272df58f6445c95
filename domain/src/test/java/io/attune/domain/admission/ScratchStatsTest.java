package io.attune.domain.admission;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import io.attune.domain.policy.Policy;

class ScratchStatsTest {
    static int needs, cascades, canceled, rejected, queued, admitted, withdrawnPromote, retryHints;
    final AdmissionPropertiesTest t = new AdmissionPropertiesTest();

    @Property(tries = 500)
    void stats(@ForAll("policies") List<Policy> policies, @ForAll("steps") List<AdmissionSimulation.Step> steps) {
        AdmissionSimulation s = new AdmissionSimulation(policies);
        s.run(steps, x -> { });
        s.drain(x -> { });
        s.outcomes.values().forEach(o -> Statistics.label("outcome").collect(o));
        long maxKeys = s.gates.values().stream().mapToLong(g -> Gates.keys(g).size()).max().orElse(0);
        Statistics.label("maxKeys").collect(maxKeys);
        Statistics.label("needsKeys").collect(NeedsCounter.count > 0);
        NeedsCounter.count = 0;
    }

    @net.jqwik.api.Provide net.jqwik.api.Arbitrary<List<Policy>> policies() { return t.policies(); }
    @net.jqwik.api.Provide net.jqwik.api.Arbitrary<List<AdmissionSimulation.Step>> steps() { return t.steps(); }
}
