package io.attune.adapters.postgres;

import io.attune.application.contract.ActionRepositoryContract;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.TransactionRunner;

/** The ActionRepositoryContract run by the PostgreSQL adapter's beans on a real PostgreSQL. */
class PostgresActionRepositoryContractTest extends ActionRepositoryContract {

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
    protected ActionRepository actions() {
        return TestDatabase.bean(ActionRepository.class);
    }
}
