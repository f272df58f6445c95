package io.attune.application.fake;

import io.attune.application.contract.WorkerRepositoryContract;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.WorkerRepository;

/** The in-memory fakes held to the same contract as the PostgreSQL adapter. */
class InMemoryWorkerRepositoryContractTest extends WorkerRepositoryContract {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryExecutions executions = new InMemoryExecutions();
    private final InMemoryWorkers workers = new InMemoryWorkers(executions);

    @Override
    protected TransactionRunner transactions() {
        return tx;
    }

    @Override
    protected void resetStorage() {
        store.clear();
        executions.clear();
        workers.clear();
    }

    @Override
    protected WorkerRepository workers() {
        return workers;
    }

    @Override
    protected ExecutionRepository executions() {
        return executions;
    }
}
