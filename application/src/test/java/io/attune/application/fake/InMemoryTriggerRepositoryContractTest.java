package io.attune.application.fake;

import io.attune.application.contract.TriggerRepositoryContract;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.TriggerRepository;

/** The in-memory fakes held to the same contract as the PostgreSQL adapter. */
class InMemoryTriggerRepositoryContractTest extends TriggerRepositoryContract {

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
    protected PackRepository packs() {
        return catalog;
    }

    @Override
    protected TriggerRepository triggers() {
        return catalog.triggers();
    }
}
