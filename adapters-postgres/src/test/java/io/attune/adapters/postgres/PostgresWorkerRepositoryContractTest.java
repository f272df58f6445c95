package io.attune.adapters.postgres;

import io.attune.application.contract.WorkerRepositoryContract;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.WorkerRepository;

/** The WorkerRepositoryContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresWorkerRepositoryContractTest extends WorkerRepositoryContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected WorkerRepository workers() {
        return TestDatabase.bean(WorkerRepository.class);
    }

    @Override
    protected ExecutionRepository executions() {
        return TestDatabase.bean(ExecutionRepository.class);
    }
}
