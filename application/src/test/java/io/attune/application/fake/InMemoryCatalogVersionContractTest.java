package io.attune.application.fake;

import io.attune.application.contract.CatalogVersionContract;
import io.attune.application.port.out.CatalogVersion;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.RuleRepository;
import io.attune.application.port.out.TransactionRunner;

/** The in-memory fakes held to the same contract as the PostgreSQL adapter. */
class InMemoryCatalogVersionContractTest extends CatalogVersionContract {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryCatalog catalog = new InMemoryCatalog(store);
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);

    @Override
    protected TransactionRunner transactions() {
        return tx;
    }

    @Override
    protected void resetStorage() {
        store.clear();
    }

    @Override
    protected CatalogVersion version() {
        return catalog.version();
    }

    @Override
    protected PackRepository packs() {
        return catalog;
    }

    @Override
    protected RuleRepository rules() {
        return catalog.rules();
    }
}
