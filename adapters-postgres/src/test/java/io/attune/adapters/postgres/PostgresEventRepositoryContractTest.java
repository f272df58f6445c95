package io.attune.adapters.postgres;

import io.attune.application.contract.EventRepositoryContract;
import io.attune.application.port.out.EventRepository;
import io.attune.application.port.out.TransactionRunner;

/** The EventRepositoryContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresEventRepositoryContractTest extends EventRepositoryContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected EventRepository events() {
        return TestDatabase.bean(EventRepository.class);
    }
}
