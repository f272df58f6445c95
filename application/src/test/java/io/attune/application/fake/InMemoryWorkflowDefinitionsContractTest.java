package io.attune.application.fake;

import io.attune.application.contract.WorkflowDefinitionsContract;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.WorkflowDefinitions;

/** The in-memory fakes held to the same contract as the PostgreSQL adapter. */
class InMemoryWorkflowDefinitionsContractTest extends WorkflowDefinitionsContract {

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
    protected WorkflowDefinitions workflows() {
        return catalog.workflows();
    }
}
