package io.attune.application.fake;

import io.attune.application.contract.ActionRepositoryContract;
import io.attune.application.contract.PolicyRepositoryContract;
import io.attune.application.contract.RuleRepositoryContract;
import io.attune.application.contract.TriggerRepositoryContract;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.PolicyRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.TriggerRepository;
import io.attune.application.service.CatalogCache;
import org.junit.jupiter.api.Nested;

/** The CatalogCache's repositories, in front of the in-memory fakes, held to the contracts of the ports they stand for. */
class CachedCatalogContractTest {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final CatalogCache cache = new CatalogCache(catalog.version(), catalog, catalog.triggers(), catalog.rules(),
            catalog.policies());

    @Nested
    class Actions extends ActionRepositoryContract {
        @Override
        protected TransactionRunner transactions() {
            return tx;
        }

        @Override
        protected void resetStorage() {
            store.clear();
        }

        @Override
        protected PackRepository packs() {
            return catalog;
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
            return tx;
        }

        @Override
        protected void resetStorage() {
            store.clear();
        }

        @Override
        protected PackRepository packs() {
            return catalog;
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
            return tx;
        }

        @Override
        protected void resetStorage() {
            store.clear();
        }

        @Override
        protected PackRepository packs() {
            return catalog;
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
            return tx;
        }

        @Override
        protected void resetStorage() {
            store.clear();
        }

        @Override
        protected PackRepository packs() {
            return catalog;
        }

        @Override
        protected PolicyRepository policies() {
            return cache.policies();
        }
    }
}
