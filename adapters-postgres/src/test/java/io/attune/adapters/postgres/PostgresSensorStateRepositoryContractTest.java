package io.attune.adapters.postgres;

import io.attune.application.contract.SensorStateRepositoryContract;
import io.attune.application.port.out.SensorStateRepository;
import io.attune.application.port.out.TransactionRunner;

/** The SensorStateRepositoryContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresSensorStateRepositoryContractTest extends SensorStateRepositoryContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected SensorStateRepository states() {
        return TestDatabase.bean(SensorStateRepository.class);
    }
}
