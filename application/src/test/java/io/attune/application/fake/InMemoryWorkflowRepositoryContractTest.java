package io.attune.application.fake;

import io.attune.application.contract.WorkflowRepositoryContract;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.WorkflowRepository;

/** The in-memory workflow fake held to the same contract as the PostgreSQL adapter. */
class InMemoryWorkflowRepositoryContractTest extends WorkflowRepositoryContract {

    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryTransactionRunner tx = new InMemoryTransactionRunner(store);
    private final InMemoryExecutions executions = new InMemoryExecutions();
    private final InMemoryWorkflows workflows = new InMemoryWorkflows();

    @Override
    protected TransactionRunner transactions() {
        return tx;
    }

    @Override
    protected void resetStorage() {
        store.clear();
        executions.clear();
        workflows.clear();
    }

    @Override
    protected WorkflowRepository workflows() {
        return workflows;
    }

    @Override
    protected ExecutionRepository executions() {
        return executions;
    }
}
