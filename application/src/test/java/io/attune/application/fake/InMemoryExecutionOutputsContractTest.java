package io.attune.application.fake;

import io.attune.application.contract.ExecutionOutputRepositoryContract;
import io.attune.application.port.out.ExecutionOutputRepository;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.TransactionRunner;

/** The in-memory fake held to the same contract as the PostgreSQL adapter. */
class InMemoryExecutionOutputsContractTest extends ExecutionOutputRepositoryContract {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryExecutions executions = new InMemoryExecutions();
    private final InMemoryExecutionOutputs outputs = new InMemoryExecutionOutputs(executions);

    @Override
    protected TransactionRunner transactions() {
        return tx;
    }

    @Override
    protected void resetStorage() {
        executions.clear();
        outputs.clear();
    }

    @Override
    protected ExecutionOutputRepository outputs() {
        return outputs;
    }

    @Override
    protected ExecutionRepository executions() {
        return executions;
    }
}
