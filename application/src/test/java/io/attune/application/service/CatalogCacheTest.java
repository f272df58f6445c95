package io.attune.application.service;

import static io.attune.application.contract.CatalogSamples.action;
import static io.attune.application.contract.CatalogSamples.actionPolicy;
import static io.attune.application.contract.CatalogSamples.content;
import static io.attune.application.contract.CatalogSamples.disabled;
import static io.attune.application.contract.CatalogSamples.ref;
import static io.attune.application.contract.CatalogSamples.rule;
import static io.attune.application.contract.CatalogSamples.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.application.fake.InMemoryCatalog;
import io.attune.application.fake.InMemoryStore;
import io.attune.application.fake.InMemoryTransactionRunner;
import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.CatalogVersion;
import io.attune.domain.action.Action;
import io.attune.domain.common.Ref;
import io.attune.domain.rule.Rule;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the cache saves (lookups at an unchanged version) and what it never does (answer from an older version). */
class CatalogCacheTest {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final AtomicInteger actionReads = new AtomicInteger();
    private final ActionRepository countedActions = new ActionRepository() {
        @Override
        public Optional<Action> find(Ref ref) {
            actionReads.incrementAndGet();
            return catalog.find(ref);
        }

        @Override
        public Page<Action> list(ComponentFilter filter, PageRequest page) {
            return catalog.list(filter, page);
        }
    };

    private CatalogCache cache(CatalogVersion version) {
        return new CatalogCache(version, countedActions, catalog.triggers(), catalog.rules(), catalog.policies());
    }

    /** Installs the pack demo: the action, a trigger, and a policy on demo.greet when asked. */
    private void install(Action action, boolean withPolicy) {
        var content = content("demo").with(action, trigger("demo.alert"));
        tx.run(() -> catalog.replace((withPolicy ? content.with(actionPolicy("demo.limit", "demo.greet")) : content).build()));
    }

    @Test
    void lookupsAtAnUnchangedVersionAreAnsweredFromMemory() {
        install(action("demo.greet"), true);
        CatalogCache cache = cache(catalog.version());

        for (int i = 0; i < 3; i++) {
            assertThat(tx.readOnly(() -> cache.actions().find(ref("demo.greet")))).isPresent();
            assertThat(tx.readOnly(() -> cache.policies().applicableTo(ref("demo.greet")))).hasSize(1);
        }

        assertThat(actionReads).hasValue(1);
    }

    @Test
    void everyChangeOfTheCatalogIsSeenByTheNextLookup() {
        install(action("demo.greet"), true);
        CatalogCache cache = cache(catalog.version());
        Rule rule = rule("demo.on_alert", "demo.alert", "demo.greet", Rule.Origin.API);
        tx.run(() -> cache.rules().insert(rule));
        assertThat(tx.readOnly(() -> cache.rules().enabledOn(ref("demo.alert")))).containsExactly(rule);
        assertThat(tx.readOnly(() -> cache.policies().applicableTo(ref("demo.greet")))).hasSize(1);

        tx.run(() -> cache.rules().update(rule.withEnabled(false)));
        assertThat(tx.readOnly(() -> cache.rules().enabledOn(ref("demo.alert")))).isEmpty();
        assertThat(tx.readOnly(() -> cache.rules().find(rule.ref()))).hasValueSatisfying(r -> assertThat(r.enabled()).isFalse());

        Action disabledAction = new Action(ref("demo.greet"), "", action("demo.greet").runner(),
                action("demo.greet").entryPoint(), action("demo.greet").parameters(), action("demo.greet").outputFormat(),
                action("demo.greet").timeoutSeconds(), false);
        install(disabledAction, false); // a reinstall: the action disabled, its policy gone
        assertThat(tx.readOnly(() -> cache.actions().find(ref("demo.greet")))).contains(disabledAction);
        assertThat(tx.readOnly(() -> cache.policies().applicableTo(ref("demo.greet")))).isEmpty();

        tx.run(() -> catalog.replace(content("demo").with(action("demo.greet"), trigger("demo.alert"),
                disabled(actionPolicy("demo.limit", "demo.greet"))).build()));
        assertThat(tx.readOnly(() -> cache.policies().applicableTo(ref("demo.greet")))).isEmpty();
    }

    @Test
    void aTransactionThatChangesTheCatalogReadsItsOwnChange() {
        install(action("demo.greet"), false);
        CatalogCache cache = cache(catalog.version());
        assertThat(tx.readOnly(() -> cache.actions().find(ref("demo.greet")))).isPresent();

        Optional<Action> seenInside = tx.inTransaction(() -> {
            catalog.delete("demo");
            return cache.actions().find(ref("demo.greet"));
        });

        assertThat(seenInside).isEmpty();
    }

    @Test
    void whatIsNotFoundIsReadAgainAndWithoutAVersionEverythingIs() {
        install(action("demo.greet"), false);
        CatalogCache cached = cache(catalog.version());
        tx.readOnly(() -> cached.actions().find(ref("demo.other")));
        tx.readOnly(() -> cached.actions().find(ref("demo.other")));
        assertThat(actionReads).hasValue(2);

        CatalogCache uncached = cache(OptionalLong::empty); // a transaction that wrote the catalog: no version
        tx.readOnly(() -> uncached.actions().find(ref("demo.greet")));
        tx.readOnly(() -> uncached.actions().find(ref("demo.greet")));
        assertThat(actionReads).hasValue(4);
    }
}
