package io.attune.application.fake;

import io.attune.application.contract.TransactionRunnerContract;
import io.attune.application.port.out.KeyRepository;
import io.attune.application.port.out.TransactionRunner;

/** The in-memory fakes held to the same contract as the PostgreSQL adapter. */
class InMemoryTransactionRunnerContractTest extends TransactionRunnerContract {

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
    protected KeyRepository keys() {
        return catalog;
    }
}
