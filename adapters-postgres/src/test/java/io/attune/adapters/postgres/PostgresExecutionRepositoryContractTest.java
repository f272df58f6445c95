package io.attune.adapters.postgres;

import io.attune.application.contract.ExecutionRepositoryContract;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.TransactionRunner;

/** The ExecutionRepositoryContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresExecutionRepositoryContractTest extends ExecutionRepositoryContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected ExecutionRepository executions() {
        return TestDatabase.bean(ExecutionRepository.class);
    }
}
