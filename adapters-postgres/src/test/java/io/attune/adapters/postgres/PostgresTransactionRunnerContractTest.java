package io.attune.adapters.postgres;

import io.attune.application.contract.TransactionRunnerContract;
import io.attune.application.port.out.KeyRepository;
import io.attune.application.port.out.TransactionRunner;

/** The TransactionRunnerContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresTransactionRunnerContractTest extends TransactionRunnerContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected KeyRepository keys() {
        return TestDatabase.bean(KeyRepository.class);
    }
}
