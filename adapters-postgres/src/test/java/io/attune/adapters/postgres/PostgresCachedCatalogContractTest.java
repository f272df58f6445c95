package io.attune.adapters.postgres;

import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.CatalogVersion;
import io.attune.application.port.out.PolicyRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.TriggerRepository;
import io.attune.application.service.CatalogCache;
import org.junit.jupiter.api.Nested;

/**
 * The CatalogCache's repositories, in front of the PostgreSQL adapter's, held to the contracts of the ports they stand
 * for: each contract test of the adapter again, with the cache (one per test) in front of the repository under test.
 */
class PostgresCachedCatalogContractTest {

    private static CatalogCache cache() {
        return new CatalogCache(TestDatabase.bean(CatalogVersion.class), TestDatabase.bean(ActionRepository.class),
                TestDatabase.bean(TriggerRepository.class), TestDatabase.bean(RuleRepository.class),
                TestDatabase.bean(PolicyRepository.class));
    }

    @Nested
    class Actions extends PostgresActionRepositoryContractTest {
        private final ActionRepository cached = cache().actions();

        @Override
        protected ActionRepository actions() {
            return cached;
        }
    }

    @Nested
    class Triggers extends PostgresTriggerRepositoryContractTest {
        private final TriggerRepository cached = cache().triggers();

        @Override
        protected TriggerRepository triggers() {
            return cached;
        }
    }

    @Nested
    class Rules extends PostgresRuleRepositoryContractTest {
        private final RuleRepository cached = cache().rules();

        @Override
        protected RuleRepository rules() {
            return cached;
        }
    }

    @Nested
    class Policies extends PostgresPolicyRepositoryContractTest {
        private final PolicyRepository cached = cache().policies();

        @Override
        protected PolicyRepository policies() {
            return cached;
        }
    }
}
