package io.attune.adapters.postgres;

import io.attune.application.contract.TimerStateRepositoryContract;
import io.attune.application.port.out.TimerStateRepository;
import io.attune.application.port.out.TransactionRunner;

/** The TimerStateRepositoryContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresTimerStateRepositoryContractTest extends TimerStateRepositoryContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected TimerStateRepository timers() {
        return TestDatabase.bean(TimerStateRepository.class);
    }
}
