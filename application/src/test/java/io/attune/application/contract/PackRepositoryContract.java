package io.attune.application.contract;

import static io.attune.application.contract.CatalogSamples.action;
import static io.attune.application.contract.CatalogSamples.actionPolicy;
import static io.attune.application.contract.CatalogSamples.bareAction;
import static io.attune.application.contract.CatalogSamples.bareRule;
import static io.attune.application.contract.CatalogSamples.content;
import static io.attune.application.contract.CatalogSamples.globalPolicy;
import static io.attune.application.contract.CatalogSamples.pack;
import static io.attune.application.contract.CatalogSamples.packPolicy;
import static io.attune.application.contract.CatalogSamples.ref;
import static io.attune.application.contract.CatalogSamples.rule;
import static io.attune.application.contract.CatalogSamples.sensor;
import static io.attune.application.contract.CatalogSamples.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.CatalogQueries.PolicyFilter;
import io.attune.application.port.in.CatalogQueries.RuleFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.PolicyRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.SensorRepository;
import io.attune.application.port.out.TriggerRepository;
import io.attune.domain.action.Action;
import io.attune.domain.action.RunnerType;
import io.attune.domain.pack.Pack;
import io.attune.domain.pack.PackContent;
import io.attune.domain.policy.Policy;
import io.attune.domain.rule.Rule;
import io.attune.domain.sensor.Sensor;
import io.attune.domain.trigger.Trigger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every PackRepository must do: install a pack's content as one unit, re-install by ref, retire, remove. */
public abstract class PackRepositoryContract extends StorageContract {

    protected abstract PackRepository packs();

    protected abstract ActionRepository actions();

    protected abstract TriggerRepository triggers();

    protected abstract SensorRepository sensors();

    protected abstract RuleRepository rules();

    protected abstract PolicyRepository policies();

    private static PackContent demo() {
        return content("demo").with(
                action("demo.greet"), bareAction("demo.noop"),
                trigger("demo.alert"),
                sensor("demo.watch", RunnerType.PYTHON, "demo.alert"),
                rule("demo.on_alert", "demo.alert", "demo.greet", Rule.Origin.PACK),
                actionPolicy("demo.greet_limit", "demo.greet"), packPolicy("demo.pack_limit", "demo")).build();
    }

    @Test
    void replaceInsertsThePackAndEveryComponentAndRetiresNothingOnFirstInstall() {
        PackContent content = demo();

        List<String> retired = write(() -> packs().replace(content));

        assertThat(retired).isEmpty();
        assertThat(read(() -> packs().find("demo"))).contains(content.pack());
        for (Action action : content.actions()) {
            assertThat(read(() -> actions().find(action.ref()))).contains(action);
        }
        for (Trigger trigger : content.triggers()) {
            assertThat(read(() -> triggers().find(trigger.ref()))).contains(trigger);
        }
        for (Sensor sensor : content.sensors()) {
            assertThat(read(() -> sensors().find(sensor.ref()))).contains(sensor);
        }
        for (Rule rule : content.rules()) {
            assertThat(read(() -> rules().find(rule.ref()))).contains(rule);
        }
        for (Policy policy : content.policies()) {
            assertThat(read(() -> policies().find(policy.ref()))).contains(policy);
        }
    }

    @Test
    void theWarningsOfAnInstallAreKeptWithThePackAndReplacedByTheNext() {
        Pack warned = new Pack("demo", "Demo", "1.0.0", "", "/packs/demo", List.of(
                new io.attune.domain.pack.PackWarning("actions/greet.yaml", "retry", "unknown key"),
                new io.attune.domain.pack.PackWarning("pack.yaml", "author", "ignored: StackStorm-only")));
        write(() -> packs().replace(content("demo").with(bareAction("demo.greet")).build(warned)));

        assertThat(read(() -> packs().find("demo"))).contains(warned);

        Pack clean = new Pack("demo", "Demo", "1.0.1", "", "/packs/demo");
        write(() -> packs().replace(content("demo").with(bareAction("demo.greet")).build(clean)));
        assertThat(read(() -> packs().find("demo")).orElseThrow().warnings()).isEmpty();
    }

    @Test
    void reinstallUpdatesEveryComponentByRef() {
        write(() -> packs().replace(demo()));
        Pack newer = new Pack("demo", "Demo 2", "2.0.0", "changed", "/elsewhere/demo");
        PackContent changed = content("demo").with(
                action("demo.noop", RunnerType.PYTHON), bareAction("demo.greet"),
                new Trigger(ref("demo.alert"), "changed", java.util.Map.of(), java.util.Map.of()),
                sensor("demo.watch", RunnerType.NODE, "demo.alert", "core.webhook"),
                bareRule("demo.on_alert", "core.webhook", "demo.noop", Rule.Origin.PACK),
                globalPolicy("demo.greet_limit"), CatalogSamples.disabled(packPolicy("demo.pack_limit", "demo"))
        ).build(newer);

        List<String> retired = write(() -> packs().replace(changed));

        assertThat(retired).isEmpty();
        assertThat(read(() -> packs().find("demo"))).contains(newer);
        assertThat(read(() -> actions().list(ComponentFilter.any(), PageRequest.defaults())).items())
                .containsExactlyElementsOf(changed.actions().reversed());
        assertThat(read(() -> triggers().list(ComponentFilter.any(), PageRequest.defaults())).items())
                .containsExactlyElementsOf(changed.triggers());
        assertThat(read(() -> sensors().list(ComponentFilter.any(), PageRequest.defaults())).items())
                .containsExactlyElementsOf(changed.sensors());
        assertThat(read(() -> rules().list(RuleFilter.any(), PageRequest.defaults())).items())
                .containsExactlyElementsOf(changed.rules());
        assertThat(read(() -> policies().list(PolicyFilter.any(), PageRequest.defaults())).items())
                .containsExactlyElementsOf(changed.policies());
    }

    @Test
    void reinstallRetiresComponentsThePackNoLongerHasAndReturnsTheirRefsSorted() {
        write(() -> packs().replace(content("demo").with(
                action("demo.zeta"), action("demo.alpha"), action("demo.kept"),
                trigger("demo.alert"), trigger("demo.old_trigger"),
                sensor("demo.watch", RunnerType.SHELL, "demo.alert"),
                rule("demo.on_alert", "demo.alert", "demo.kept", Rule.Origin.PACK),
                rule("demo.kept_rule", "demo.alert", "demo.kept", Rule.Origin.PACK),
                packPolicy("demo.limit", "demo")).build()));

        List<String> retired = write(() -> packs().replace(content("demo").with(
                action("demo.kept"), trigger("demo.alert"),
                rule("demo.kept_rule", "demo.alert", "demo.kept", Rule.Origin.PACK)).build()));

        assertThat(retired).containsExactly("demo.alpha", "demo.limit", "demo.old_trigger", "demo.on_alert",
                "demo.watch", "demo.zeta");
        assertThat(read(() -> actions().find(ref("demo.alpha")))).isEmpty();
        assertThat(read(() -> actions().find(ref("demo.zeta")))).isEmpty();
        assertThat(read(() -> actions().find(ref("demo.kept")))).isPresent();
        assertThat(read(() -> triggers().find(ref("demo.old_trigger")))).isEmpty();
        assertThat(read(() -> sensors().find(ref("demo.watch")))).isEmpty();
        assertThat(read(() -> rules().find(ref("demo.on_alert")))).isEmpty();
        assertThat(read(() -> rules().find(ref("demo.kept_rule")))).isPresent();
        assertThat(read(() -> policies().find(ref("demo.limit")))).isEmpty();
    }

    @Test
    void reinstallKeepsRulesCreatedThroughTheApi() {
        write(() -> packs().replace(demo()));
        Rule fromApi = rule("demo.from_api", "demo.alert", "demo.greet", Rule.Origin.API);
        assertThat(write(() -> rules().insert(fromApi))).isTrue();

        List<String> retired = write(() -> packs().replace(content("demo").with(action("demo.greet"), trigger("demo.alert")).build()));

        assertThat(retired).contains("demo.on_alert").doesNotContain("demo.from_api");
        assertThat(read(() -> rules().find(fromApi.ref()))).contains(fromApi);
    }

    @Test
    void replaceLeavesOtherPacksAlone() {
        PackContent other = content("other").with(action("other.greet"), trigger("other.alert"),
                sensor("other.watch", RunnerType.NODE, "other.alert"),
                rule("other.on_alert", "other.alert", "other.greet", Rule.Origin.PACK),
                globalPolicy("other.everything")).build();
        write(() -> packs().replace(other));
        write(() -> packs().replace(demo()));

        write(() -> packs().replace(content("demo").build()));

        assertThat(read(() -> actions().list(ComponentFilter.any(), PageRequest.defaults())).items())
                .containsExactlyElementsOf(other.actions());
        assertThat(read(() -> triggers().list(ComponentFilter.any(), PageRequest.defaults())).items())
                .containsExactlyElementsOf(other.triggers());
        assertThat(read(() -> sensors().list(ComponentFilter.any(), PageRequest.defaults())).items())
                .containsExactlyElementsOf(other.sensors());
        assertThat(read(() -> rules().list(RuleFilter.any(), PageRequest.defaults())).items())
                .containsExactlyElementsOf(other.rules());
        assertThat(read(() -> policies().list(PolicyFilter.any(), PageRequest.defaults())).items())
                .containsExactlyElementsOf(other.policies());
    }

    @Test
    void deleteRemovesThePackWithEveryComponentAndItsApiRules() {
        PackContent other = content("other").with(action("other.greet"),
                rule("other.on_demo_alert", "demo.alert", "other.greet", Rule.Origin.PACK)).build();
        write(() -> packs().replace(other));
        write(() -> packs().replace(demo()));
        write(() -> rules().insert(rule("demo.from_api", "demo.alert", "demo.greet", Rule.Origin.API)));

        assertThat(write(() -> packs().delete("demo"))).isTrue();

        assertThat(read(() -> packs().find("demo"))).isEmpty();
        assertThat(read(() -> actions().find(ref("demo.greet")))).isEmpty();
        assertThat(read(() -> actions().find(ref("demo.noop")))).isEmpty();
        assertThat(read(() -> triggers().find(ref("demo.alert")))).isEmpty();
        assertThat(read(() -> sensors().find(ref("demo.watch")))).isEmpty();
        assertThat(read(() -> rules().find(ref("demo.on_alert")))).isEmpty();
        assertThat(read(() -> rules().find(ref("demo.from_api")))).isEmpty();
        assertThat(read(() -> policies().find(ref("demo.greet_limit")))).isEmpty();
        assertThat(read(() -> policies().find(ref("demo.pack_limit")))).isEmpty();
        assertThat(read(() -> packs().find("other"))).isPresent();
        assertThat(read(() -> actions().find(ref("other.greet")))).isPresent();
        assertThat(read(() -> rules().find(ref("other.on_demo_alert")))).isPresent();
    }

    @Test
    void deleteReturnsFalseForAnUnknownPack() {
        assertThat(write(() -> packs().delete("nothing"))).isFalse();
    }

    @Test
    void findReturnsEmptyForAnUnknownPack() {
        assertThat(read(() -> packs().find("nothing"))).isEqualTo(Optional.empty());
    }

    @Test
    void listReturnsPacksOrderedByRefOnePageAtATimeWithTheTotal() {
        for (String name : List.of("delta", "alpha", "charlie", "bravo", "alpha_2")) {
            write(() -> packs().replace(content(name).build()));
        }

        Page<Pack> first = read(() -> packs().list(new PageRequest(2, 0)));
        Page<Pack> last = read(() -> packs().list(new PageRequest(2, 4)));
        Page<Pack> beyond = read(() -> packs().list(new PageRequest(10, 10)));

        assertThat(first.items()).containsExactly(pack("alpha"), pack("alpha_2"));
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.limit()).isEqualTo(2);
        assertThat(first.offset()).isZero();
        assertThat(read(() -> packs().list(new PageRequest(2, 2))).items()).containsExactly(pack("bravo"), pack("charlie"));
        assertThat(last.items()).containsExactly(pack("delta"));
        assertThat(last.total()).isEqualTo(5);
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(5);
        assertThat(beyond.offset()).isEqualTo(10);
    }

    @Test
    void listOfNoPacksIsEmpty() {
        Page<Pack> page = read(() -> packs().list(PageRequest.defaults()));

        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isZero();
    }
}
