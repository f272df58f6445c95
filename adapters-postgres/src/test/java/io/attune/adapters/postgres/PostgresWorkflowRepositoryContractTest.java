package io.attune.adapters.postgres;

import io.attune.application.contract.WorkflowRepositoryContract;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.WorkflowRepository;

/** The WorkflowRepositoryContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresWorkflowRepositoryContractTest extends WorkflowRepositoryContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected WorkflowRepository workflows() {
        return TestDatabase.bean(WorkflowRepository.class);
    }

    @Override
    protected ExecutionRepository executions() {
        return TestDatabase.bean(ExecutionRepository.class);
    }
}
