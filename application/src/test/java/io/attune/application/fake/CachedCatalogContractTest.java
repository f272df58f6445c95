package io.attune.application.fake;

import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.PolicyRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.TriggerRepository;
import io.attune.application.service.CatalogCache;
import org.junit.jupiter.api.Nested;

/**
 * The CatalogCache's repositories, in front of the in-memory fakes, held to the contracts of the ports they stand for:
 * each contract test of the fakes again, with the cache (one per test) in front of the repository under test.
 */
class CachedCatalogContractTest {

    private static CatalogCache cacheOf(Object packs) {
        InMemoryCatalog catalog = (InMemoryCatalog) packs;
        return new CatalogCache(catalog.version(), catalog, catalog.triggers(), catalog.rules(), catalog.policies());
    }

    @Nested
    class Actions extends InMemoryActionRepositoryContractTest {
        private final ActionRepository cached = cacheOf(packs()).actions();

        @Override
        protected ActionRepository actions() {
            return cached;
        }
    }

    @Nested
    class Triggers extends InMemoryTriggerRepositoryContractTest {
        private final TriggerRepository cached = cacheOf(packs()).triggers();

        @Override
        protected TriggerRepository triggers() {
            return cached;
        }
    }

    @Nested
    class Rules extends InMemoryRuleRepositoryContractTest {
        private final RuleRepository cached = cacheOf(packs()).rules();

        @Override
        protected RuleRepository rules() {
            return cached;
        }
    }

    @Nested
    class Policies extends InMemoryPolicyRepositoryContractTest {
        private final PolicyRepository cached = cacheOf(packs()).policies();

        @Override
        protected PolicyRepository policies() {
            return cached;
        }
    }
}
