package io.attune.application.fake;

import io.attune.application.contract.ExecutionRepositoryContract;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.TransactionRunner;

/** The in-memory fakes held to the same contract as the PostgreSQL adapter. */
class InMemoryExecutionRepositoryContractTest extends ExecutionRepositoryContract {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryExecutions executions = new InMemoryExecutions();

    @Override
    protected TransactionRunner transactions() {
        return tx;
    }

    @Override
    protected void resetStorage() {
        store.clear();
        executions.clear();
    }

    @Override
    protected ExecutionRepository executions() {
        return executions;
    }
}
