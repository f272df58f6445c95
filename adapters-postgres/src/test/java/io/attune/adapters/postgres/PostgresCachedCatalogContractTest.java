package io.attune.adapters.postgres;

import io.attune.application.contract.ActionRepositoryContract;
import io.attune.application.contract.PolicyRepositoryContract;
import io.attune.application.contract.RuleRepositoryContract;
import io.attune.application.contract.TriggerRepositoryContract;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.CatalogVersion;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.PolicyRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.TriggerRepository;
import io.attune.application.service.CatalogCache;
import org.junit.jupiter.api.Nested;

/** The CatalogCache's repositories, in front of the PostgreSQL adapter's, held to the contracts of the ports they stand for. */
class PostgresCachedCatalogContractTest {

    private final CatalogCache cache = new CatalogCache(TestDatabase.bean(CatalogVersion.class),
            TestDatabase.bean(ActionRepository.class), TestDatabase.bean(TriggerRepository.class),
            TestDatabase.bean(RuleRepository.class), TestDatabase.bean(PolicyRepository.class));

    @Nested
    class Actions extends ActionRepositoryContract {
        @Override
        protected TransactionRunner transactions() {
            return TestDatabase.bean(TransactionRunner.class);
        }

        @Override
        protected void resetStorage() {
            TestDatabase.reset();
        }

        @Override
        protected PackRepository packs() {
            return TestDatabase.bean(PackRepository.class);
        }

        @Override
        protected ActionRepository actions() {
            return cache.actions();
        }
    }

    @Nested
    class Triggers extends TriggerRepositoryContract {
        @Override
        protected TransactionRunner transactions() {
            return TestDatabase.bean(TransactionRunner.class);
        }

        @Override
        protected void resetStorage() {
            TestDatabase.reset();
        }

        @Override
        protected PackRepository packs() {
            return TestDatabase.bean(PackRepository.class);
        }

        @Override
        protected TriggerRepository triggers() {
            return cache.triggers();
        }
    }

    @Nested
    class Rules extends RuleRepositoryContract {
        @Override
        protected TransactionRunner transactions() {
            return TestDatabase.bean(TransactionRunner.class);
        }

        @Override
        protected void resetStorage() {
            TestDatabase.reset();
        }

        @Override
        protected PackRepository packs() {
            return TestDatabase.bean(PackRepository.class);
        }

        @Override
        protected RuleRepository rules() {
            return cache.rules();
        }
    }

    @Nested
    class Policies extends PolicyRepositoryContract {
        @Override
        protected TransactionRunner transactions() {
            return TestDatabase.bean(TransactionRunner.class);
        }

        @Override
        protected void resetStorage() {
            TestDatabase.reset();
        }

        @Override
        protected PackRepository packs() {
            return TestDatabase.bean(PackRepository.class);
        }

        @Override
        protected PolicyRepository policies() {
            return cache.policies();
        }
    }
}
