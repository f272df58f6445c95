package io.attune.application.contract;

import static io.attune.application.contract.CatalogSamples.action;
import static io.attune.application.contract.CatalogSamples.bareRule;
import static io.attune.application.contract.CatalogSamples.content;
import static io.attune.application.contract.CatalogSamples.ref;
import static io.attune.application.contract.CatalogSamples.rule;
import static io.attune.application.contract.CatalogSamples.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.in.CatalogQueries.RuleFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.domain.rule.Rule;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every RuleRepository must do: keep rules from the API and from packs, field for field, criteria in order. */
public abstract class RuleRepositoryContract extends StorageContract {

    protected abstract PackRepository packs();

    protected abstract RuleRepository rules();

    @BeforeEach
    void installPacksTheRulesBelongTo() {
        write(() -> packs().replace(content("demo").with(action("demo.greet"), action("demo.other"), trigger("demo.alert")).build()));
        write(() -> packs().replace(content("ops").with(action("ops.page"), trigger("ops.incident")).build()));
    }

    @Test
    void insertStoresEveryFieldAndKeepsTheOrderOfTheCriteria() {
        Rule full = rule("demo.on_alert", "demo.alert", "demo.greet", Rule.Origin.API);
        Rule bare = bareRule("demo.bare", "demo.alert", "demo.greet", Rule.Origin.PACK);

        assertThat(write(() -> rules().insert(full))).isTrue();
        assertThat(write(() -> rules().insert(bare))).isTrue();

        Rule found = read(() -> rules().find(full.ref())).orElseThrow();
        assertThat(found).isEqualTo(full);
        assertThat(found.criteria().toMap().keySet())
                .containsExactly("trigger.severity", "trigger.a", "trigger.host.name", "trigger.count", "trigger.zone");
        assertThat(read(() -> rules().find(bare.ref()))).contains(bare);
    }

    @Test
    void insertReturnsFalseAndWritesNothingWhenTheRefExists() {
        Rule original = rule("demo.on_alert", "demo.alert", "demo.greet", Rule.Origin.API);
        write(() -> rules().insert(original));

        boolean inserted = write(() -> rules().insert(bareRule("demo.on_alert", "ops.incident", "ops.page", Rule.Origin.API)));

        assertThat(inserted).isFalse();
        assertThat(read(() -> rules().find(original.ref()))).contains(original);
    }

    @Test
    void updateReplacesTheWholeDefinition() {
        write(() -> rules().insert(rule("demo.on_alert", "demo.alert", "demo.greet", Rule.Origin.API)));
        Rule changed = bareRule("demo.on_alert", "ops.incident", "ops.page", Rule.Origin.API);

        assertThat(write(() -> rules().update(changed))).isTrue();

        assertThat(read(() -> rules().find(changed.ref()))).contains(changed);
    }

    @Test
    void updateReturnsFalseAndWritesNothingWhenTheRuleIsAbsent() {
        Rule absent = rule("demo.absent", "demo.alert", "demo.greet", Rule.Origin.API);

        assertThat(write(() -> rules().update(absent))).isFalse();

        assertThat(read(() -> rules().find(absent.ref()))).isEmpty();
    }

    @Test
    void deleteRemovesTheRuleAndReturnsFalseWhenItIsAbsent() {
        write(() -> rules().insert(rule("demo.on_alert", "demo.alert", "demo.greet", Rule.Origin.API)));
        write(() -> rules().insert(rule("demo.kept", "demo.alert", "demo.greet", Rule.Origin.API)));

        assertThat(write(() -> rules().delete(ref("demo.on_alert")))).isTrue();
        assertThat(write(() -> rules().delete(ref("demo.on_alert")))).isFalse();

        assertThat(read(() -> rules().find(ref("demo.on_alert")))).isEmpty();
        assertThat(read(() -> rules().find(ref("demo.kept")))).isPresent();
    }

    @Test
    void listOrdersByRefOnePageAtATimeAndFiltersByPackTriggerActionAndEnabled() {
        write(() -> rules().insert(rule("demo.c", "demo.alert", "demo.greet", Rule.Origin.API)));
        write(() -> rules().insert(bareRule("demo.a", "demo.alert", "demo.other", Rule.Origin.API)));
        write(() -> rules().insert(rule("demo.b", "ops.incident", "demo.greet", Rule.Origin.PACK)));
        write(() -> rules().insert(rule("ops.a", "ops.incident", "ops.page", Rule.Origin.API)));

        Page<Rule> first = read(() -> rules().list(RuleFilter.any(), new PageRequest(3, 0)));
        Page<Rule> second = read(() -> rules().list(RuleFilter.any(), new PageRequest(3, 3)));

        assertThat(first.items()).extracting(r -> r.ref().toString()).containsExactly("demo.a", "demo.b", "demo.c");
        assertThat(second.items()).extracting(r -> r.ref().toString()).containsExactly("ops.a");
        assertThat(first.total()).isEqualTo(4);
        assertThat(second.total()).isEqualTo(4);
        assertThat(refs(new RuleFilter(Optional.of("ops"), Optional.empty(), Optional.empty(), Optional.empty())))
                .containsExactly("ops.a");
        assertThat(refs(new RuleFilter(Optional.empty(), Optional.of(ref("ops.incident")), Optional.empty(), Optional.empty())))
                .containsExactly("demo.b", "ops.a");
        assertThat(refs(new RuleFilter(Optional.empty(), Optional.empty(), Optional.of(ref("demo.greet")), Optional.empty())))
                .containsExactly("demo.b", "demo.c");
        assertThat(refs(new RuleFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(false))))
                .containsExactly("demo.a");
        assertThat(refs(new RuleFilter(Optional.of("demo"), Optional.of(ref("demo.alert")), Optional.of(ref("demo.greet")),
                Optional.of(true)))).containsExactly("demo.c");
        assertThat(refs(new RuleFilter(Optional.of("demo"), Optional.of(ref("ops.incident")), Optional.of(ref("ops.page")),
                Optional.empty()))).isEmpty();
    }

    @Test
    void enabledOnGivesEveryEnabledRuleOfTheTriggerInRefOrderWithEveryField() {
        Rule full = rule("ops.z", "demo.alert", "ops.page", Rule.Origin.API);
        write(() -> rules().insert(full));
        write(() -> rules().insert(bareRule("demo.b", "demo.alert", "demo.other", Rule.Origin.PACK).withEnabled(true)));
        write(() -> rules().insert(rule("demo.a", "demo.alert", "demo.greet", Rule.Origin.API).withEnabled(false)));
        write(() -> rules().insert(rule("demo.c", "ops.incident", "demo.greet", Rule.Origin.API)));

        assertThat(read(() -> rules().enabledOn(ref("demo.alert")))).extracting(r -> r.ref().toString())
                .containsExactly("demo.b", "ops.z");
        assertThat(read(() -> rules().enabledOn(ref("demo.alert")))).last().isEqualTo(full);
        assertThat(read(() -> rules().enabledOn(ref("ops.incident")))).extracting(r -> r.ref().toString())
                .containsExactly("demo.c");
        assertThat(read(() -> rules().enabledOn(ref("demo.none")))).isEmpty();

        write(() -> rules().update(full.withEnabled(false)));
        assertThat(read(() -> rules().enabledOn(ref("demo.alert")))).extracting(r -> r.ref().toString())
                .containsExactly("demo.b");
    }

    private List<String> refs(RuleFilter filter) {
        return read(() -> rules().list(filter, PageRequest.defaults())).items().stream()
                .map(r -> r.ref().toString()).toList();
    }
}
