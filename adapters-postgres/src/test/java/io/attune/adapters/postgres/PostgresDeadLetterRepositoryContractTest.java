package io.attune.adapters.postgres;

import io.attune.application.contract.DeadLetterRepositoryContract;
import io.attune.application.port.out.DeadLetterRepository;
import io.attune.application.port.out.TransactionRunner;

/** The DeadLetterRepositoryContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresDeadLetterRepositoryContractTest extends DeadLetterRepositoryContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected DeadLetterRepository letters() {
        return TestDatabase.bean(DeadLetterRepository.class);
    }
}
