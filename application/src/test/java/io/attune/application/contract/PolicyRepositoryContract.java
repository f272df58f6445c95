package io.attune.application.contract;

import static io.attune.application.contract.CatalogSamples.action;
import static io.attune.application.contract.CatalogSamples.actionPolicy;
import static io.attune.application.contract.CatalogSamples.content;
import static io.attune.application.contract.CatalogSamples.disabled;
import static io.attune.application.contract.CatalogSamples.globalPolicy;
import static io.attune.application.contract.CatalogSamples.packPolicy;
import static io.attune.application.contract.CatalogSamples.ref;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.CatalogQueries.PolicyFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.PolicyRepository;
import io.attune.domain.policy.Policy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every PolicyRepository must do: keep each kind of target, and find what applies to an action. */
public abstract class PolicyRepositoryContract extends StorageContract {

    protected abstract PackRepository packs();

    protected abstract PolicyRepository policies();

    /** demo's own policies, ops's policies on demo.greet, on ops and on everything, and one disabled. */
    private void installPolicies() {
        write(() -> packs().replace(content("demo").with(action("demo.greet"), action("demo.other"),
                actionPolicy("demo.for_greet", "demo.greet"),
                actionPolicy("demo.for_other", "demo.other"),
                packPolicy("demo.for_pack", "demo"),
                disabled(actionPolicy("demo.disabled", "demo.greet"))).build()));
        write(() -> packs().replace(content("ops").with(action("ops.page"),
                actionPolicy("ops.for_demo_greet", "demo.greet"),
                packPolicy("ops.for_ops", "ops"),
                globalPolicy("ops.global")).build()));
    }

    @Test
    void findReturnsEveryFieldForEachKindOfTarget() {
        Policy onAction = actionPolicy("demo.for_greet", "demo.greet");
        Policy onPack = packPolicy("demo.for_pack", "demo");
        Policy onEverything = disabled(globalPolicy("demo.global"));
        write(() -> packs().replace(content("demo").with(action("demo.greet"), onAction, onPack, onEverything).build()));

        assertThat(read(() -> policies().find(onAction.ref()))).contains(onAction);
        assertThat(read(() -> policies().find(onPack.ref()))).contains(onPack);
        assertThat(read(() -> policies().find(onEverything.ref()))).contains(onEverything);
        assertThat(read(() -> policies().find(ref("demo.unknown")))).isEmpty();
    }

    @Test
    void applicableToReturnsTheEnabledPoliciesOfTheActionItsPackAndGlobalOnesOrderedByRef() {
        installPolicies();

        assertThat(read(() -> policies().applicableTo(ref("demo.greet")))).extracting(p -> p.ref().toString())
                .containsExactly("demo.for_greet", "demo.for_pack", "ops.for_demo_greet", "ops.global");
        assertThat(read(() -> policies().applicableTo(ref("ops.page")))).extracting(p -> p.ref().toString())
                .containsExactly("ops.for_ops", "ops.global");
        assertThat(read(() -> policies().applicableTo(ref("elsewhere.run")))).extracting(p -> p.ref().toString())
                .containsExactly("ops.global");
    }

    @Test
    void aRetryAloneOrBesideALimitIsKept() {
        io.attune.domain.execution.RetrySpec retry = new io.attune.domain.execution.RetrySpec(
                java.util.Set.of(io.attune.domain.execution.ExecutionStatus.TIMEOUT,
                        io.attune.domain.execution.ExecutionStatus.ABANDONED), 3, java.time.Duration.ofSeconds(2),
                io.attune.domain.execution.RetrySpec.Backoff.EXPONENTIAL, Optional.of(java.time.Duration.ofSeconds(30)));
        Policy retryOnly = new Policy(ref("demo.retry_only"), "", new Policy.PackTarget("demo"), Optional.empty(),
                Optional.empty(), true, Optional.of(retry));
        Policy both = new Policy(ref("demo.both"), "", new Policy.ActionTarget(ref("demo.greet")),
                Optional.of(new Policy.Concurrency(1, null, null)), Optional.empty(), true, Optional.of(retry));
        write(() -> packs().replace(content("demo").with(action("demo.greet"), retryOnly, both).build()));

        assertThat(read(() -> policies().find(retryOnly.ref()))).contains(retryOnly);
        assertThat(read(() -> policies().find(both.ref()))).contains(both);
    }

    @Test
    void applicableToIsEmptyWhenNoPolicyApplies() {
        write(() -> packs().replace(content("demo").with(action("demo.greet"), action("demo.other"),
                actionPolicy("demo.for_other", "demo.other"), disabled(globalPolicy("demo.off"))).build()));

        assertThat(read(() -> policies().applicableTo(ref("demo.greet")))).isEmpty();
    }

    @Test
    void listOrdersByRefAndFiltersByPackAndByTheActionAPolicyAppliesTo() {
        installPolicies();

        Page<Policy> first = read(() -> policies().list(PolicyFilter.any(), new PageRequest(4, 0)));

        assertThat(first.items()).extracting(p -> p.ref().toString())
                .containsExactly("demo.disabled", "demo.for_greet", "demo.for_other", "demo.for_pack");
        assertThat(first.total()).isEqualTo(7);
        assertThat(refs(new PolicyFilter(Optional.of("ops"), Optional.empty())))
                .containsExactly("ops.for_demo_greet", "ops.for_ops", "ops.global");
        assertThat(refs(new PolicyFilter(Optional.empty(), Optional.of(ref("demo.greet")))))
                .containsExactly("demo.disabled", "demo.for_greet", "demo.for_pack", "ops.for_demo_greet", "ops.global");
        assertThat(refs(new PolicyFilter(Optional.of("ops"), Optional.of(ref("demo.greet")))))
                .containsExactly("ops.for_demo_greet", "ops.global");
    }

    private List<String> refs(PolicyFilter filter) {
        return read(() -> policies().list(filter, PageRequest.defaults())).items().stream()
                .map(p -> p.ref().toString()).toList();
    }
}
