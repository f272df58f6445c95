package io.attune.adapters.postgres;

import io.attune.application.contract.SensorRepositoryContract;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.SensorRepository;
import io.attune.application.port.out.TransactionRunner;

/** The SensorRepositoryContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresSensorRepositoryContractTest extends SensorRepositoryContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected PackRepository packs() {
        return TestDatabase.bean(PackRepository.class);
    }

    @Override
    protected SensorRepository sensors() {
        return TestDatabase.bean(SensorRepository.class);
    }
}
