package io.attune.adapters.postgres;

import io.attune.application.contract.EnforcementRepositoryContract;
import io.attune.application.port.out.EnforcementRepository;
import io.attune.application.port.out.EventRepository;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.TransactionRunner;

/** The EnforcementRepositoryContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresEnforcementRepositoryContractTest extends EnforcementRepositoryContract {

    @Override
    protected TransactionRunner transactions() {
        return TestDatabase.bean(TransactionRunner.class);
    }

    @Override
    protected void resetStorage() {
        TestDatabase.reset();
    }

    @Override
    protected EnforcementRepository enforcements() {
        return TestDatabase.bean(EnforcementRepository.class);
    }

    @Override
    protected EventRepository events() {
        return TestDatabase.bean(EventRepository.class);
    }

    @Override
    protected ExecutionRepository executions() {
        return TestDatabase.bean(ExecutionRepository.class);
    }
}
