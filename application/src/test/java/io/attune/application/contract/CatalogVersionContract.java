package io.attune.application.contract;

import static io.attune.application.contract.CatalogSamples.action;
import static io.attune.application.contract.CatalogSamples.actionPolicy;
import static io.attune.application.contract.CatalogSamples.content;
import static io.attune.application.contract.CatalogSamples.ref;
import static io.attune.application.contract.CatalogSamples.rule;
import static io.attune.application.contract.CatalogSamples.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.port.out.CatalogVersion;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.domain.pack.PackContent;
import io.attune.domain.rule.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * What every CatalogVersion must do for the caches that rely on it: give a version never seen before after every
 * committed change of packs, actions, triggers, rules or policies; keep it while nothing changes; and never let a
 * transaction that changed the catalog keep the version it read before its change.
 */
public abstract class CatalogVersionContract extends StorageContract {

    protected abstract CatalogVersion version();

    protected abstract PackRepository packs();

    protected abstract RuleRepository rules();

    private static PackContent demo(boolean withPolicy) {
        CatalogSamples.ContentBuilder builder = content("demo").with(action("demo.greet"), trigger("demo.alert"));
        return (withPolicy ? builder.with(actionPolicy("demo.limit", "demo.greet")) : builder).build();
    }

    @Test
    void everyCommittedChangeOfTheCatalogGivesAVersionNotSeenBefore() {
        Rule rule = rule("demo.on_alert", "demo.alert", "demo.greet", Rule.Origin.API);
        List<OptionalLong> seen = new ArrayList<>();
        seen.add(read(() -> version().current()));
        write(() -> packs().replace(demo(false)));
        seen.add(read(() -> version().current()));
        write(() -> rules().insert(rule));
        seen.add(read(() -> version().current()));
        write(() -> rules().update(rule.withEnabled(false)));
        seen.add(read(() -> version().current()));
        write(() -> rules().delete(rule.ref()));
        seen.add(read(() -> version().current()));
        write(() -> packs().replace(demo(true))); // a reinstall that adds a policy
        seen.add(read(() -> version().current()));
        write(() -> packs().replace(demo(true))); // a reinstall of the same content still counts
        seen.add(read(() -> version().current()));
        write(() -> packs().delete("demo"));
        seen.add(read(() -> version().current()));

        assertThat(seen).allMatch(OptionalLong::isPresent).doesNotHaveDuplicates();
    }

    @Test
    void theVersionStaysWhileTheCatalogDoesNotChange() {
        write(() -> packs().replace(demo(true)));
        OptionalLong before = read(() -> version().current());

        read(() -> packs().find("demo"));
        read(() -> rules().find(ref("demo.nothing")));

        assertThat(read(() -> version().current())).isPresent().isEqualTo(before);
        assertThat(read(() -> List.of(version().current(), version().current()))).containsOnly(before);
    }

    @Test
    void aTransactionThatChangedTheCatalogNoLongerGetsTheVersionItReadBefore() {
        write(() -> packs().replace(demo(false)));
        OptionalLong[] inside = new OptionalLong[3];

        write(() -> {
            inside[0] = version().current();
            packs().replace(demo(true));
            inside[1] = version().current();
        });
        write(() -> {
            inside[2] = version().current();
            rules().insert(rule("demo.on_alert", "demo.alert", "demo.greet", Rule.Origin.API));
            assertThat(version().current()).isNotEqualTo(inside[2]);
        });

        assertThat(inside[0]).isPresent();
        assertThat(inside[1]).isNotEqualTo(inside[0]);
        assertThat(inside[2]).isPresent().isNotEqualTo(inside[0]);
    }
}
